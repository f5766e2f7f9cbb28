"""Views of this app: thin, access through konvergensi.accounts.access."""

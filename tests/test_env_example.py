"""Every environment variable that settings.py reads is documented in .env.example."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# env_str("NAME"...), env_bool(...), os.environ.get("NAME"), os.getenv("NAME"), os.environ["NAME"]
READ = re.compile(
    r"""(?:\benv_\w+\(|os\.environ\.get\(|os\.getenv\(|os\.environ\[)\s*["']([A-Z][A-Z0-9_]*)["']"""
)
DOCUMENTED = re.compile(r"^#?([A-Z][A-Z0-9_]*)=", re.MULTILINE)


def variables_read_by_settings() -> set[str]:
    source = (ROOT / "konvergensi" / "settings.py").read_text(encoding="utf-8")
    names = set(READ.findall(source))
    if "dj_database_url.config(" in source:
        names.add("DATABASE_URL")  # dj-database-url's own variable
    return names


def documented_lines() -> list[str]:
    return (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()


def test_it_finds_the_variables_settings_reads():
    # Guard the parser itself: if settings.py changed its helpers, the test must notice.
    names = variables_read_by_settings()
    assert {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "KONVERGENSI_ENV"} <= names


def test_every_variable_in_settings_is_in_env_example():
    documented = set(DOCUMENTED.findall("\n".join(documented_lines())))
    missing = sorted(variables_read_by_settings() - documented)
    assert not missing, f"add these to .env.example, each with a comment: {missing}"


def test_every_variable_in_env_example_has_a_comment():
    lines = documented_lines()
    uncommented = [
        line.split("=", 1)[0]
        for i, line in enumerate(lines)
        if DOCUMENTED.match(line) and (i == 0 or not lines[i - 1].startswith("#"))
    ]
    assert not uncommented, f"each variable needs a comment line above it: {uncommented}"

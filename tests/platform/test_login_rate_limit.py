"""django-axes locks a username+IP after 5 failed logins (settings.AXES_FAILURE_LIMIT): the 6th
attempt gets the 429 page, even with the right password."""

from django.urls import reverse
from factories import PASSWORD


def _login(client, password):
    return client.post(reverse("login"), {"username": "opd.dinsos", "password": password})


def test_it_locks_the_sixth_attempt(client, people):
    for attempt in range(1, 6):
        response = _login(client, "salah")
        # The 5th failure is the one that reaches the limit: axes answers it with the lockout.
        assert response.status_code == (200 if attempt < 5 else 429)
    response = _login(client, PASSWORD)
    assert response.status_code == 429
    assert "dikunci" in response.content.decode()


def test_it_logs_in_with_the_right_password(client, people):
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_it_logs_out(client, people):
    client.force_login(people.admin)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302

"""The operator's commands: `saferboard token`, `createuser` and `api-schema`."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from saferboard.core.models import PartnershipRole, User


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_token_prints_the_same_working_token_each_time(manager_a):
    first = run("token", manager_a.username).strip()
    second = run("token", manager_a.username).strip()

    assert first == second == Token.objects.get(user=manager_a).key
    response = APIClient().get("/api/v1/partnerships/", HTTP_AUTHORIZATION=f"Token {first}")
    assert response.status_code == 200


def test_token_for_an_unknown_user_is_a_clear_error(db):
    with pytest.raises(CommandError, match="There is no user called “nobody”"):
        run("token", "nobody")
    assert not Token.objects.exists()


def test_createuser_creates_a_user_who_can_sign_in(partnership_a, client):
    output = run(
        "createuser",
        "jo.clerk",
        "--partnership",
        "haringey",
        "--role",
        "clerk",
        "--password",
        "a-long-pass-phrase",
        "--email",
        "jo@example.org",
    )

    assert output.strip() == "Created user jo.clerk with the role clerk in haringey."
    user = User.objects.get(username="jo.clerk")
    assert user.email == "jo@example.org"
    assert list(PartnershipRole.objects.filter(user=user).values_list("role", flat=True)) == [
        "clerk"
    ]
    signed_in = client.post("/sign-in/", {"username": "jo.clerk", "password": "a-long-pass-phrase"})
    assert signed_in.status_code == 302
    assert client.get("/p/haringey/").status_code == 200


def test_createuser_again_adds_a_role_and_changes_the_password(partnership_a, partnership_b):
    run("createuser", "sam", "--partnership", "haringey", "--role", "viewer")
    output = run(
        "createuser",
        "sam",
        "--partnership",
        "city-of-london",
        "--role",
        "manager",
        "--password",
        "another-long-phrase",
    )

    assert output.startswith("Updated user sam")
    user = User.objects.get(username="sam")
    assert user.check_password("another-long-phrase")
    assert set(
        PartnershipRole.objects.filter(user=user).values_list("partnership__slug", "role")
    ) == {("haringey", "viewer"), ("city-of-london", "manager")}


def test_createuser_without_a_password_cannot_sign_in_yet(partnership_a):
    run("createuser", "pat", "--partnership", "haringey", "--role", "member")

    assert not User.objects.get(username="pat").has_usable_password()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--partnership", "nowhere", "--role", "clerk"],
            "There is no partnership with the slug “nowhere” \\(known partnerships: haringey\\)",
        ),
        (["--partnership", "haringey", "--role", "boss"], "There is no role “boss”. Choose one of"),
    ],
)
def test_createuser_errors_name_the_problem(partnership_a, arguments, message):
    with pytest.raises(CommandError, match=message):
        run("createuser", "kim", *arguments)
    assert not User.objects.filter(username="kim").exists()


def test_api_schema_prints_the_openapi_document(db):
    document = json.loads(run("api_schema"))

    assert document["openapi"].startswith("3.")
    assert "/api/v1/bodies/" in document["paths"]


def test_the_saferboard_command_takes_hyphenated_names_and_fails_in_one_line(tmp_path):
    environment = {
        **os.environ,
        "SAFERBOARD_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "SAFERBOARD_VAR_DIR": str(tmp_path),
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)

    def saferboard(*args):
        return subprocess.run(
            [sys.executable, "-m", "saferboard.cli", *args],
            capture_output=True,
            text=True,
            env=environment,
            check=False,
            timeout=300,
        )

    schema = saferboard("api-schema")
    migrated = saferboard("migrate", "--no-input")
    missing_user = saferboard("token", "nobody")

    assert schema.returncode == 0, schema.stderr
    assert json.loads(schema.stdout)["info"]["title"] == "saferboard API"
    assert migrated.returncode == 0, migrated.stderr
    assert missing_user.returncode == 1
    assert missing_user.stdout == ""
    assert missing_user.stderr.strip().splitlines() == [
        "CommandError: There is no user called “nobody”. Create one with "
        "`saferboard createuser nobody --partnership SLUG --role ROLE`."
    ]

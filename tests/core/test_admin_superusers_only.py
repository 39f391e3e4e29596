"""Django admin is for superusers only: staff status alone does not open it."""

from django.test import Client

from saferboard.core.services import user_create


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_staff_user_who_is_not_a_superuser_is_sent_to_the_admin_sign_in(db):
    staff = user_create(username="staff-only", password=None)
    staff.is_staff = True
    staff.save()

    response = _client_for(staff).get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_superuser_sees_the_admin_with_the_registry_in_it(db):
    admin = user_create(username="root-admin", password=None)
    admin.is_staff = admin.is_superuser = True
    admin.save()

    response = _client_for(admin).get("/admin/")

    assert response.status_code == 200
    assert "saferboard administration" in response.content.decode()
    assert "/admin/registry/body/" in response.content.decode()

"""The data-set catalogue: grouped by organisation with class tags, filtered by class and
organisation; register editors add, change and delete data sets."""

from django.urls import reverse

from saferboard.sharing.models import DataSet
from tests.factories import DataSetFactory, OrganisationFactory
from tests.sharing.conftest import signed_in


def _list(**query):
    return reverse("sharing:data-set-list", kwargs={"partnership": "haringey"})


def test_the_catalogue_is_grouped_by_organisation_and_filtered_by_class(partnership_a, viewer_a):
    police = OrganisationFactory(partnership=partnership_a, name="Metropolitan Police Service")
    council = OrganisationFactory(partnership=partnership_a, name="Haringey Council")
    DataSetFactory(
        partnership=partnership_a,
        organisation=police,
        title="CRIS crime reports",
        data_class="personal",
    )
    DataSetFactory(partnership=partnership_a, organisation=police, title="Crime statistics")
    DataSetFactory(
        partnership=partnership_a,
        organisation=council,
        title="Noise complaints",
        data_class="depersonalised",
    )
    client = signed_in(viewer_a, second_factor=False)

    everything = client.get(_list()).content.decode()
    personal = client.get(_list(), {"data_class": "personal"}).content.decode()
    council_only = client.get(_list(), {"organisation": council.pk}).content.decode()

    assert everything.index("Haringey Council") < everything.index("Noise complaints")
    assert everything.index("Metropolitan Police Service") < everything.index("CRIS crime reports")
    assert "Depersonalised" in everything and "Non-personal" in everything
    assert "CRIS crime reports" in personal and "Crime statistics" not in personal
    assert "Noise complaints" in council_only and "CRIS" not in council_only


def test_an_editor_adds_changes_and_deletes_a_data_set(partnership_a, manager_a):
    fire = OrganisationFactory(partnership=partnership_a, name="London Fire Brigade")
    client = signed_in(manager_a, second_factor=False)
    data = {
        "organisation": fire.pk,
        "title": "Deliberate fires",
        "data_class": "non_personal",
        "owner": "Borough Commander",
        "format": "Spreadsheet",
        "frequency": "Monthly",
    }

    client.post(reverse("sharing:data-set-add", kwargs={"partnership": "haringey"}), data)
    data_set = DataSet.objects.get()
    client.post(
        reverse("sharing:data-set-edit", kwargs={"partnership": "haringey", "pk": data_set.pk}),
        data | {"frequency": "Quarterly", "version": data_set.version},
    )
    data_set.refresh_from_db()
    assert data_set.frequency == "Quarterly"

    client.post(
        reverse("sharing:data-set-delete", kwargs={"partnership": "haringey", "pk": data_set.pk}),
        {"version": data_set.version},
    )
    assert not DataSet.objects.exists()


def test_a_stale_delete_is_refused(partnership_a, manager_a):
    data_set = DataSetFactory(
        partnership=partnership_a, organisation=OrganisationFactory(partnership=partnership_a)
    )

    response = signed_in(manager_a, second_factor=False).post(
        reverse("sharing:data-set-delete", kwargs={"partnership": "haringey", "pk": data_set.pk}),
        {"version": data_set.version - 1 or 99},
    )

    assert response.status_code == 200
    assert DataSet.objects.filter(pk=data_set.pk).exists()


def test_a_viewer_cannot_change_the_catalogue_and_other_partnerships_get_404(
    partnership_a, viewer_a, manager_b
):
    data_set = DataSetFactory(
        partnership=partnership_a, organisation=OrganisationFactory(partnership=partnership_a)
    )
    url = reverse("sharing:data-set-delete", kwargs={"partnership": "haringey", "pk": data_set.pk})

    assert signed_in(viewer_a, second_factor=False).post(url, {"version": 1}).status_code == 403
    assert signed_in(manager_b, second_factor=False).post(url, {"version": 1}).status_code == 404
    assert DataSet.objects.filter(pk=data_set.pk).exists()

"""Strategies and their priorities: added and listed through the pages."""

from saferboard.plans.models import Priority, Strategy


def test_a_manager_adds_a_strategy_and_a_priority(manager_a_client, partnership_a):
    base = f"/p/{partnership_a.slug}/plans"
    response = manager_a_client.post(
        f"{base}/strategies/add/",
        {
            "name": "Community Safety Strategy",
            "period_start_day": "1",
            "period_start_month": "4",
            "period_start_year": "2018",
            "period_end_day": "31",
            "period_end_month": "3",
            "period_end_year": "2022",
            "status": "endorsed",
        },
    )
    strategy = Strategy.objects.get()
    form = manager_a_client.get(f"{base}/priorities/add/?strategy={strategy.pk}").content.decode()
    added = manager_a_client.post(
        f"{base}/priorities/add/",
        {"strategy": strategy.pk, "number": "1", "title": "Reduce violence", "position": "1"},
    )
    page = manager_a_client.get(f"{base}/strategies/{strategy.pk}/").content.decode()

    assert response.status_code == 302 and added.status_code == 302
    assert f'value="{strategy.pk}" selected' in form
    assert Priority.objects.get().strategy == strategy
    assert "1. Reduce violence" in page and "2018-22" in page


def test_viewers_may_not_add_strategies(viewer_a_client, partnership_a):
    response = viewer_a_client.get(f"/p/{partnership_a.slug}/plans/strategies/add/")

    assert response.status_code == 403

"""The delivery plans page lists the partnership's plans and leads to key actions and strategies."""


def test_the_plan_list_shows_plans_and_the_way_on(viewer_a_client, plan, partnership_a):
    html = viewer_a_client.get(f"/p/{partnership_a.slug}/plans/").content.decode()

    assert "Community Safety Plan 2025/26" in html
    assert f"/p/{partnership_a.slug}/plans/{plan.pk}/" in html
    assert f"/p/{partnership_a.slug}/plans/key-actions/" in html
    assert f"/p/{partnership_a.slug}/plans/strategies/" in html
    assert "Add delivery plan" not in html  # viewers read only

"""The exception report as a PDF: a real file whose text carries the exceptions."""

import io

from pypdf import PdfReader

from saferboard.plans.models import KeyActionStatus


def test_the_pdf_lists_the_exceptions(
    manager_a_client,
    plan,
    add_key_action,
    update,
    the_police,
    reduce_violence,
    tackle_asb,
    partnership_a,
):
    held = add_key_action("1.1", "Weapon sweeps", priority=reduce_violence, leads=[the_police])
    update(held, KeyActionStatus.ON_HOLD, "Dog unit redeployed.", mitigation="Borrow a unit.")
    done = add_key_action("2.1", "Dispersal orders", priority=tackle_asb)
    update(done, KeyActionStatus.COMPLETE, "In force.")

    response = manager_a_client.get(f"/p/{partnership_a.slug}/plans/{plan.pk}/exceptions.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Delivery plan exceptions" in text and "Community Safety Plan 2025/26" in text
    assert "1.1 Weapon sweeps" in text and "On hold" in text
    assert "Metropolitan Police Service" in text and "Borrow a unit." in text
    assert "2. Tackle anti-social behaviour" in text and "On target" in text
    assert "Dispersal orders" not in text

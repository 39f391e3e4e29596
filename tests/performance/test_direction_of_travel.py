"""Direction of travel, and small numbers shown as counts rather than bare percentages."""

from decimal import Decimal

from saferboard.performance.models import Polarity, Unit
from saferboard.performance.rag import direction, figure

LOWER = Polarity.LOWER_IS_BETTER
HIGHER = Polarity.HIGHER_IS_BETTER


def test_a_fall_is_improving_when_lower_is_better():
    travel = direction(value=90, previous=120, polarity=LOWER, against="Q4 2024/25")
    assert (travel.word, travel.arrow) == ("improving", "↓")
    assert (travel.change, travel.percent) == (Decimal("-30"), Decimal("-25.0"))
    assert travel.text == "Improving: down 30 (25%) on Q4 2024/25"


def test_a_fall_is_worsening_when_higher_is_better():
    travel = direction(value=90, previous=120, polarity=HIGHER)
    assert (travel.word, travel.arrow) == ("worsening", "↓")


def test_a_rise_is_improving_when_higher_is_better():
    travel = direction(value=Decimal("62.5"), previous=50, polarity=HIGHER, unit=Unit.PERCENT)
    assert (travel.word, travel.arrow) == ("improving", "↑")
    assert travel.text == "Improving: up 12.5 percentage points (25%)"


def test_no_change_and_not_comparable():
    same = direction(value=40, previous=40, polarity=LOWER, against="Q1 2024/25")
    assert (same.word, same.arrow, same.text) == ("no change", "→", "No change: same on Q1 2024/25")
    missing = direction(value=None, previous=40, polarity=LOWER)
    assert (missing.word, missing.arrow, missing.change) == ("not comparable", "", None)


def test_small_counts_are_shown_as_counts_not_a_percentage():
    travel = direction(value=3, previous=1, polarity=LOWER, against="Q4 2024/25")
    assert travel.percent == Decimal("200.0")
    assert travel.small_numbers
    assert travel.text == "Worsening: up from 1 to 3 on Q4 2024/25"
    assert "200" not in travel.text


def test_a_percentage_with_its_counts_shows_the_counts():
    assert figure(Decimal("7.5"), unit=Unit.PERCENT, numerator=3, denominator=40) == (
        "3 of 40 (7.5%)"
    )
    travel = direction(
        value=Decimal("12.2"),
        previous=Decimal("7.5"),
        polarity=LOWER,
        unit=Unit.PERCENT,
        numerators=(3, 5),
        denominators=(40, 41),
    )
    assert travel.text == "Worsening: up from 3 of 40 (7.5%) to 5 of 41 (12.2%)"


def test_from_zero_has_no_percentage():
    travel = direction(value=25, previous=0, polarity=LOWER)
    assert travel.percent is None
    assert travel.word == "worsening"


def test_figures_in_their_units():
    assert figure(Decimal("1234.500")) == "1,234.5"
    assert figure(Decimal("4.200"), unit=Unit.RATE_PER_1000) == "4.2 per 1,000"
    assert figure(Decimal("12"), unit=Unit.MINUTES) == "12 minutes"
    assert figure(Decimal("2500"), unit=Unit.CURRENCY) == "£2,500"
    assert figure(None) == "No information"

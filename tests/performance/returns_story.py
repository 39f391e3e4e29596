"""The cast of the returns tests: three indicators (monthly, quarterly, annual), the police
who lead two of them, and spreadsheets built the way partners send them."""

import csv
import datetime
import io

from openpyxl import Workbook

from saferboard.core.roles import Role
from saferboard.performance.models import Frequency, Unit
from saferboard.registry.models import Sector
from tests.factories import (
    IndicatorFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)

# A day in January 2026: Q3 2025/26 ended on 31 December, so its return is due on 20 January.
TODAY = datetime.date(2026, 1, 15)
HEADINGS = ["indicator_code", "period", "value", "numerator", "denominator", "commentary"]


class Cast:
    """Partnership A's police and council, and their indicators."""

    def __init__(self, partnership):
        self.partnership = partnership
        self.police = OrganisationFactory(
            partnership=partnership, name="Metropolitan Police Service", sector=Sector.POLICE
        )
        self.council = OrganisationFactory(
            partnership=partnership, name="Haringey Council", sector=Sector.LOCAL_AUTHORITY
        )
        self.asb = IndicatorFactory(
            partnership=partnership,
            code="ASB 1",
            name="Calls about anti-social behaviour",
            frequency=Frequency.MONTHLY,
            lead_organisation=self.police,
            position=1,
        )
        self.violence = IndicatorFactory(
            partnership=partnership,
            code="KPI 4",
            name="Violence with injury",
            frequency=Frequency.QUARTERLY,
            lead_organisation=self.police,
            position=2,
        )
        self.treatment = IndicatorFactory(
            partnership=partnership,
            code="KPI 9",
            name="Drug treatment completions",
            unit=Unit.PERCENT,
            frequency=Frequency.ANNUAL,
            lead_organisation=self.council,
            position=3,
        )

    def contributor(self, make_user, organisation):
        """A partner officer signed in as a contributor, seated for `organisation`."""
        user = make_user(self.partnership, Role.CONTRIBUTOR)
        person = PersonFactory(
            partnership=self.partnership, user=user, email=f"{user.username}@example.org"
        )
        MembershipFactory(partnership=self.partnership, person=person, organisation=organisation)
        return user


def csv_file(rows: list[list], headings=HEADINGS) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headings)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_file(rows: list[list], headings=HEADINGS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # as typed text, not a formula
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


GOOD_ROWS = [
    ["ASB 1", "2025-04", "412", "", "", "Up on March, as every spring"],
    ["ASB 1", "2025-05", "398.5", "", "", ""],
    ["KPI 4", "Q1 2025/26", "1,204", "", "", 'Night-time economy, "Operation Nightlight"'],
    ["KPI 4", "2025/26 Q2", "1190", "", "", "=A1 is not a formula\nsecond line"],
    ["KPI 9", "2024/25", "47.5", "19", "40", "Small numbers: 19 of 40"],
]

"""The assurance summary paper for a meeting pack: one framework's completion by
organisation, the heat map of latest submitted ratings (as a chart and a table) and the weak
themes, as a PDF (docs/assurance.md, "Partnership view"). Putting it in a pack is
performance/pack_papers.py's job; the paper's file name is the same each time, so putting it
on the same item again replaces the copy put there before.
"""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.text import slugify

from saferboard.assurance.heatmap import heat_map_svg
from saferboard.assurance.models import Framework
from saferboard.assurance.overview import (
    THEME_MIN_ORGANISATIONS,
    THEME_SHARE,
    Completion,
    HeatMap,
    Themes,
    framework_completion,
    heat_map,
    weak_themes,
)
from saferboard.meetings.generated_papers import GeneratedPaper
from saferboard.meetings.packs import html_to_pdf


@dataclass
class Summary:
    framework: Framework
    completion: Completion
    heat: HeatMap
    themes: Themes
    today: datetime.date

    @property
    def title(self) -> str:
        return f"{self.framework}: partner assurance summary"

    @property
    def file_name(self) -> str:
        name = slugify(f"{self.framework.name} {self.framework.version_label}")
        return f"assurance-summary-{name}.pdf"

    theme_share = round(THEME_SHARE * 100)
    theme_minimum = THEME_MIN_ORGANISATIONS

    @property
    def chart(self):
        return heat_map_svg(self.heat, chart_id=f"heat-map-{self.framework.pk}")


def summary_build(*, framework: Framework, today: datetime.date) -> Summary:
    heat = heat_map(framework)
    return Summary(
        framework=framework,
        completion=framework_completion(framework=framework, today=today),
        heat=heat,
        themes=weak_themes(heat),
        today=today,
    )


def summary_pdf(summary: Summary) -> bytes:
    html = render_to_string("assurance/pdf/summary_paper.html", {"summary": summary})
    return html_to_pdf(html).write_pdf()


def summary_paper(*, framework: Framework, today: datetime.date) -> GeneratedPaper:
    summary = summary_build(framework=framework, today=today)
    return GeneratedPaper(
        title=summary.title, file_name=summary.file_name, pdf=summary_pdf(summary)
    )

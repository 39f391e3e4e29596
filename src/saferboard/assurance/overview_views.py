"""The partnership view of assurance: the landing page (every framework with its returns'
completion), a framework's overview (completion by organisation, heat map, weak themes) and
its summary paper (PDF, and into a meeting's pack).

Contributors see only their own organisations' returns, so the landing page sends them to
their list of returns and the rest is 404 to them. Thin: the reads are overview.py's, the
paper paper.py's and the pack rules performance/pack_papers.py's.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from saferboard.assurance import overview, paper, selectors
from saferboard.assurance.heatmap import heat_map_svg
from saferboard.assurance.models import Framework
from saferboard.core.permissions import PartnershipMixin
from saferboard.performance import pack_papers
from saferboard.performance.pack_paper_views import put_in_pack_post


class AssurancePage(PartnershipMixin):
    """The partnership-wide pages: 404 to anyone who reads only their own returns."""

    def today(self):
        return timezone.localdate()

    def url(self, name: str, *args) -> str:
        return reverse(f"assurance:{name}", args=(self.partnership.slug, *args))

    def require_reader(self) -> None:
        if not self.has_role(selectors.PARTNERSHIP_READERS):
            raise Http404("Only your own organisation's returns are shown to you.")


class FrameworkPage(AssurancePage):
    model = Framework

    def framework(self) -> Framework:
        self.require_reader()
        try:
            return selectors.framework_get(partnership=self.partnership, pk=self.kwargs["pk"])
        except Framework.DoesNotExist as missing:
            raise Http404("No such framework.") from missing


class Overview(AssurancePage, TemplateView):
    template_name = "assurance/overview.html"

    def get(self, request, *args, **kwargs):
        if not self.has_role(selectors.PARTNERSHIP_READERS):
            return redirect(self.url("return-list"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            completions=overview.completion_list(partnership=self.partnership, today=self.today()),
            can_edit=self.has_role(selectors.ASSURANCE_MANAGERS),
        )
        return context


class FrameworkOverview(FrameworkPage, TemplateView):
    template_name = "assurance/overview_framework.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        framework = self.framework()
        heat = overview.heat_map(framework)
        may_put = self.has_role(pack_papers.PACK_EDITORS)
        context.update(
            framework=framework,
            completion=overview.framework_completion(framework=framework, today=self.today()),
            heat=heat,
            chart=heat_map_svg(heat),
            themes=overview.weak_themes(heat),
            theme_share=round(overview.THEME_SHARE * 100),
            theme_minimum=overview.THEME_MIN_ORGANISATIONS,
            can_invite=self.has_role(selectors.ASSURANCE_MANAGERS),
            pdf_url=self.url("framework-paper", framework.pk),
            pack={
                "may_put": may_put,
                "url": self.url("framework-paper-to-pack", framework.pk),
                "hidden": {},
                "choices": pack_papers.pack_item_choices(
                    partnership=self.partnership, today=self.today()
                )
                if may_put
                else [],
            },
        )
        return context


class FrameworkPaper(FrameworkPage, View):
    def get(self, request, *args, **kwargs):
        summary = paper.summary_build(framework=self.framework(), today=self.today())
        response = HttpResponse(paper.summary_pdf(summary), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{summary.file_name}"'
        return response


class FrameworkPaperToPack(FrameworkPage, View):
    """POST: the summary paper becomes a paper of the chosen agenda item (replacing the copy
    put there before). Clerks and managers build packs; contributors get 404 as on every
    partnership-wide page, anyone else 403."""

    def get(self, request, *args, **kwargs):
        return redirect(self.url("framework-overview", self.framework().pk))

    def post(self, request, *args, **kwargs):
        framework = self.framework()
        if not self.has_role(pack_papers.PACK_EDITORS):
            raise PermissionDenied("Only clerks and managers put papers in a meeting's pack.")
        back = self.url("framework-overview", framework.pk) + "#put-in-pack"
        return put_in_pack_post(
            request,
            partnership=self.partnership,
            back=back,
            put=lambda item: pack_papers.report_put_in_pack(
                item=item,
                paper=paper.summary_paper(framework=framework, today=self.today()),
                by=request.user,
                today=self.today(),
            ),
        )


urlpatterns = [
    path("", Overview.as_view(), name="overview"),
    path("frameworks/<int:pk>/overview/", FrameworkOverview.as_view(), name="framework-overview"),
    path("frameworks/<int:pk>/paper.pdf", FrameworkPaper.as_view(), name="framework-paper"),
    path(
        "frameworks/<int:pk>/paper/to-pack/",
        FrameworkPaperToPack.as_view(),
        name="framework-paper-to-pack",
    ),
]

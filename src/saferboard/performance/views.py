"""Performance pages: the dashboard, the indicators and their drill-down pages."""

from django.views.generic import TemplateView

from saferboard.core.permissions import PartnershipMixin


class Dashboard(PartnershipMixin, TemplateView):
    """Every indicator's latest value, RAG and direction of travel."""

    template_name = "performance/dashboard.html"

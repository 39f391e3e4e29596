"""API routes at /api/v1/: registry, meetings, actions, performance and plans resources, the
schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from saferboard.api import actions, assurance, funding, meetings, performance, plans, sharing, views

router = DefaultRouter()
router.register("partnerships", views.PartnershipViewSet, basename="partnership")
router.register("bodies", views.BodyViewSet, basename="body")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("people", views.PersonViewSet, basename="person")
router.register("posts", views.PostViewSet, basename="post")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("terms-of-reference", views.TermsOfReferenceViewSet, basename="terms-of-reference")
router.register("meetings", meetings.MeetingViewSet, basename="meeting")
router.register("agenda-items", meetings.AgendaItemViewSet, basename="agenda-item")
router.register("papers", meetings.PaperViewSet, basename="paper")
router.register("attendance", meetings.AttendanceViewSet, basename="attendance")
router.register("declarations", meetings.DeclarationViewSet, basename="declaration")
router.register("resolutions", meetings.ResolutionViewSet, basename="resolution")
router.register("strategies", plans.StrategyViewSet, basename="strategy")
router.register("priorities", plans.PriorityViewSet, basename="priority")
router.register("delivery-plans", plans.DeliveryPlanViewSet, basename="delivery-plan")
router.register("key-actions", plans.KeyActionViewSet, basename="key-action")
router.register("key-action-updates", plans.KeyActionUpdateViewSet, basename="key-action-update")
router.register("indicators", performance.IndicatorViewSet, basename="indicator")
router.register("indicator-values", performance.IndicatorValueViewSet, basename="indicator-value")
router.register("comparators", performance.ComparatorViewSet, basename="comparator")
router.register("actions", actions.ActionViewSet, basename="action")
router.register("action-updates", actions.ActionUpdateViewSet, basename="action-update")
router.register("sharing-agreements", sharing.SharingAgreementViewSet, basename="sharing-agreement")
router.register("data-sets", sharing.DataSetViewSet, basename="data-set")
router.register("sharing-requests", sharing.DisclosureRequestViewSet, basename="sharing-request")
router.register("funds", funding.FundViewSet, basename="fund")
router.register("ledger-entries", funding.LedgerEntryViewSet, basename="ledger-entry")
router.register("bids", funding.BidViewSet, basename="bid")
router.register("bid-decisions", funding.DecisionViewSet, basename="bid-decision")
router.register("awards", funding.AwardViewSet, basename="award")
router.register("milestones", funding.MilestoneViewSet, basename="milestone")
router.register("monitoring-reports", funding.MonitoringReportViewSet, basename="monitoring-report")
router.register("variations", funding.VariationViewSet, basename="variation")
router.register("assurance-frameworks", assurance.FrameworkViewSet, basename="assurance-framework")
router.register("assurance-returns", assurance.AssuranceReturnViewSet, basename="assurance-return")
router.register(
    "assurance-submissions", assurance.SubmissionViewSet, basename="assurance-submission"
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]

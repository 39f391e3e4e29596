"""The POST behind every "Put this in the pack" button: a report or summary paper generated
by saferboard becomes a paper of the agenda item the person chose (performance reports,
the strategic assessment, the funding and assurance summaries, sharing's annual review)."""

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership
from saferboard.meetings.models import AgendaItem, Paper
from saferboard.performance import pack_papers


def put_in_pack_post(
    request: HttpRequest,
    *,
    partnership: Partnership,
    back: str,
    put: Callable[[AgendaItem], Paper],
) -> HttpResponse:
    """Read the chosen agenda item, call `put(item)` to place the paper there, and go to the
    meeting's packs saying where it went; on a refusal (BusinessRuleError) go `back` with
    the reason. Build the PDF inside `put`, so nothing is made for a form with no choice."""
    chosen = request.POST.get("item", "").strip()
    if not chosen:
        messages.error(request, "Choose the meeting and agenda item to put it on.")
        return redirect(back)
    item = pack_papers.pack_item_get(partnership=partnership, pk=chosen)
    try:
        paper = put(item)
    except (BusinessRuleError, ValueError) as error:
        messages.error(request, str(error))
        return redirect(back)
    pages = f"{paper.page_count} page{'' if paper.page_count == 1 else 's'}"
    late = (
        f" It is late, so it goes in supplementary pack {paper.supplement}."
        if paper.supplement
        else " Build the packs to include it."
    )
    messages.success(
        request,
        f"“{paper.title}” ({pages}) is now a paper of item {item} of {item.meeting}.{late}",
    )
    packs = reverse(
        "meetings:packs", kwargs={"partnership": partnership.slug, "pk": item.meeting_id}
    )
    return redirect(f"{packs}#item-{item.pk}")

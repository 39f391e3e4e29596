from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "saferboard.actions"
    label = "actions"
    verbose_name = "Actions"

    def ready(self):
        # The pack builder makes the "Outstanding actions" item's paper through this;
        # meetings cannot import actions, which depends on it.
        from saferboard.actions.outstanding import outstanding_actions_paper
        from saferboard.meetings.generated_papers import register_generated_paper
        from saferboard.meetings.models import StandingKind

        register_generated_paper(StandingKind.OUTSTANDING_ACTIONS, outstanding_actions_paper)

"""Errors the services raise for people to read."""


class StaleEditError(Exception):
    """Someone else saved the record after this copy was opened."""

    def __init__(self, record_label: str):
        super().__init__(
            f"{record_label} was changed by someone else after you opened it. "
            "Your changes have not been saved: reload the page to see the latest "
            "version, then make your changes again."
        )


class BusinessRuleError(Exception):
    """A request that breaks one of the partnership's rules; the message says which."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field

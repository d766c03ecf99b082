"""Commands of this module are added by the feature that owns them."""

from fazhi.cli import app  # noqa: F401

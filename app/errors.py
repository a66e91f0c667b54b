"""Errors that reach a user as one line: what went wrong and, where it helps, what to do."""

from __future__ import annotations


class UserError(Exception):
    """Bad input or an unusable environment; the command line prints it and exits 3."""

    exit_code = 3


class StorageError(UserError):
    """The database cannot be opened, read or written."""


class Cancelled(UserError):
    """The person cancelled long work before it committed: nothing was changed."""


class NoValidLicense(UserError):
    """A question about a license, and none counts: critical, as `status` says."""

    exit_code = 2


class DocumentRefused(UserError):
    """A signed document given for this command did not verify."""

    exit_code = 2

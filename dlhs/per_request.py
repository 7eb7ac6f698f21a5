"""Values read at most once per request: the view restrictions, the sites' root paths.

Inside a request (from Django's ``request_started`` to its ``request_finished``) the first
read is kept for the rest of it, and ``forget()`` drops it when something changes during the
request. Outside a request (commands, the task worker) every read goes to the source, so a
long-running process never keeps an old value.
"""

from contextvars import ContextVar

from django.core.signals import request_finished, request_started

NOT_IN_REQUEST = object()
UNREAD = object()


class PerRequest:
    """``read()`` once per request; ``get()`` answers with what it read."""

    def __init__(self, name, read, read_in_request=None):
        """``read_in_request``, if given, replaces ``read`` for a request's first read."""
        self.name, self.read, self.read_in_request = name, read, read_in_request
        self._value = ContextVar(name, default=NOT_IN_REQUEST)

    def get(self):
        value = self._value.get()
        if value is NOT_IN_REQUEST:
            return self.read()
        if value is UNREAD:
            value = (self.read_in_request or self.read)()
            self._value.set(value)
        return value

    def in_request(self):
        return self._value.get() is not NOT_IN_REQUEST

    def start(self, **kwargs):
        self._value.set(UNREAD)

    def finish(self, **kwargs):
        self._value.set(NOT_IN_REQUEST)

    def forget(self, **kwargs):
        if self.in_request():
            self._value.set(UNREAD)

    def install(self):
        """Keep reads from each request's start to its end (from an app's ``ready``)."""
        request_started.connect(self.start, dispatch_uid=f"{self.name}-start", weak=False)
        request_finished.connect(self.finish, dispatch_uid=f"{self.name}-finish", weak=False)

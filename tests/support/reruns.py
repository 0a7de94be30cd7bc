"""What a rerun re-sent: the app's websocket messages, decoded in the test.

A partial rerun (``@st.fragment``) ends with ``script_finished`` =
FINISHED_FRAGMENT_RUN_SUCCESSFULLY and re-sends only the fragment's elements; a full rerun
ends with FINISHED_SUCCESSFULLY and re-sends every element of the page (the title and the
footer too). Attach the recorder before the page opens its websocket (before ``goto``).
"""

from __future__ import annotations

from typing import Any

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FULL = ForwardMsg.FINISHED_SUCCESSFULLY
FRAGMENT = ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY


class RunRecorder:
    """Every ForwardMsg the page receives on Streamlit's websocket, in order."""

    def __init__(self, page: Any) -> None:
        self.messages: list[ForwardMsg] = []
        self.socket: Any = None
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, ws: Any) -> None:
        if "_stcore/stream" in ws.url:
            self.socket = ws
            ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload: Any) -> None:
        if isinstance(payload, bytes | bytearray):
            msg = ForwardMsg()
            msg.ParseFromString(bytes(payload))
            self.messages.append(msg)

    def mark(self) -> int:
        """A position: the messages after it are what the next action caused."""
        return len(self.messages)

    def finished(self, since: int) -> list[int]:
        """The ``script_finished`` statuses received after ``since``."""
        return [
            m.script_finished
            for m in self.messages[since:]
            if m.WhichOneof("type") == "script_finished"
        ]

    def wait_finished(self, since: int, timeout_ms: float = 30000) -> list[int]:
        """Wait until a run that started after ``since`` has finished; its statuses.

        The browser's idle state is not enough after a widget change: on a loaded machine the
        rerun request can still be on its way when the page looks idle (the idle waiter
        gives up waiting for "busy" after its grace period), so the test would read the
        messages before the rerun's ``script_finished`` arrived. This waits on that message
        itself (sync Playwright delivers frames only while it waits, so none is missed
        between the check and the wait)."""
        if not self.finished(since):
            assert self.socket is not None, "no Streamlit websocket was seen"
            self.socket.wait_for_event(
                "framereceived",
                predicate=lambda _frame: bool(self.finished(since)),
                timeout=timeout_ms,
            )
        return self.finished(since)

    def sent_text(self, since: int) -> str:
        """The text of every element (re-)sent after ``since``, for 'was it re-sent?'."""
        return "\n".join(
            str(m.delta.new_element) for m in self.messages[since:] if m.HasField("delta")
        )

"""Which claim holders count as dead: only this host's, only when their process is gone."""

from __future__ import annotations

import os
import subprocess
import sys

from pipeline.vectorize.faults import HOST, holder_is_dead, worker_id


def test_only_a_gone_process_on_this_host_is_a_dead_holder():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # reaped: its pid no longer exists
    assert holder_is_dead(f"{HOST}:{child.pid}:abcd1234")
    assert not holder_is_dead(worker_id("abcd1234"))  # this very process
    assert not holder_is_dead(f"{HOST}:{os.getppid()}:abcd1234")  # alive
    assert not holder_is_dead(f"{HOST}-elsewhere:{child.pid}:abcd1234")  # another host: the lease
    assert not holder_is_dead("dead")  # not host:pid:nonce: the lease decides
    assert not holder_is_dead(f"{HOST}:notapid:abcd1234")


def test_a_killed_child_not_yet_reaped_is_dead():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        child.kill()
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # a zombie until reaped
        assert holder_is_dead(f"{HOST}:{child.pid}:abcd1234")
    finally:
        child.wait()

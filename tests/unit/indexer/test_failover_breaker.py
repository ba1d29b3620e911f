"""The circuit breaker of `indexer.failover`, on a fake clock."""

from indexer.failover import CircuitBreaker


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_failure_opens_the_circuit_for_the_cooldown_then_one_probe_is_allowed():
    clock = Clock()
    breaker = CircuitBreaker(cooldown_seconds=30, clock=clock)
    assert breaker.allow() and breaker.state == "closed"
    breaker.failure()
    assert breaker.state == "open"
    clock.now += 29.9
    assert not breaker.allow()
    clock.now += 0.2
    assert breaker.state == "half-open"
    assert breaker.allow()  # the probe
    assert not breaker.allow()  # everyone else keeps using the fallback while it runs


def test_a_successful_probe_closes_the_circuit_and_a_failed_one_reopens_it():
    clock = Clock()
    breaker = CircuitBreaker(cooldown_seconds=10, clock=clock)
    breaker.failure()
    clock.now += 10
    assert breaker.allow()
    breaker.failure()
    assert breaker.state == "open" and not breaker.allow()
    clock.now += 10
    assert breaker.allow()
    breaker.success()
    assert breaker.state == "closed" and breaker.allow() and breaker.allow()
    assert breaker.failures == 0


def test_a_probe_that_ends_in_a_request_error_lets_the_next_call_probe():
    clock = Clock()
    breaker = CircuitBreaker(cooldown_seconds=10, clock=clock)
    breaker.failure()
    clock.now += 10
    assert breaker.allow()
    breaker.release()
    assert breaker.allow()

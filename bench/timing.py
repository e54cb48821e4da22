"""The one timing loop the benchmarks share: warm up, then the median of repeated GETs."""

import statistics
import time


def median_get(client, url, repeat):
    """Median seconds of ``repeat`` GETs of ``url`` after one warm-up; returns (seconds, last response)."""
    client.get(url)
    samples = []
    response = None
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        samples.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
    return statistics.median(samples), response

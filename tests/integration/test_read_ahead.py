"""Large downloads read their next rows on a connection of their own while the rows before are written."""

import threading

import pytest
from django.contrib.auth.models import Group
from django.db import DataError, connection, transaction

from core.exports import read_ahead

pytestmark = [pytest.mark.integration, pytest.mark.postgresql]

ROWS = 1234  # not a multiple of the chunk size


def _groups():
    Group.objects.bulk_create(Group(name=f"ศูนย์บริการ OTOP ตำบล {n:04d}") for n in range(ROWS))
    return (
        Group.objects.filter(name__startswith="ศูนย์บริการ").order_by("pk").values_list("pk", "name")
    )


def _connections_to_this_database() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")
        return cursor.fetchone()[0]


def _reader_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name != threading.current_thread().name)


@pytest.mark.django_db(transaction=True)
def test_every_row_comes_in_order_and_the_reader_leaves_nothing_open(is_postgresql):
    rows = _groups()
    expected = list(rows)
    threads, connections = _reader_threads(), _connections_to_this_database()

    seen_threads = set()
    got = []
    for row in read_ahead(rows, 100):
        got.append(row)
        seen_threads.add(_reader_threads())

    assert got == expected
    assert max(seen_threads) == threads + 1  # read by a thread of its own
    assert _reader_threads() == threads
    assert _connections_to_this_database() == connections


@pytest.mark.django_db(transaction=True)
def test_a_download_stopped_early_stops_its_reader(is_postgresql):
    rows = _groups()
    threads, connections = _reader_threads(), _connections_to_this_database()

    stream = read_ahead(rows, 100)
    first = [next(stream) for _ in range(150)]
    stream.close()  # the browser went away

    assert first == list(rows[:150])
    assert _reader_threads() == threads
    assert _connections_to_this_database() == connections


@pytest.mark.django_db(transaction=True)
def test_a_database_error_in_the_reader_reaches_the_caller(is_postgresql):
    rows = _groups().extra(where=["1 / (id - id) = 1"])  # division by zero on the first row
    with pytest.raises(DataError):
        list(read_ahead(rows, 100))


@pytest.mark.django_db
def test_inside_a_transaction_rows_not_yet_committed_are_read_too(is_postgresql):
    # pytest-django wraps this test in a transaction: another connection would see no rows.
    assert transaction.get_connection().in_atomic_block
    rows = _groups()
    threads = _reader_threads()
    assert len(list(read_ahead(rows, 100))) == ROWS
    assert _reader_threads() == threads

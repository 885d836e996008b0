"""Coordinators' completion reports: numbers, scoping, downloads (CSV/XLSX), background jobs, charts."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from reports.models import ExportJob
from reports.selectors import completion_rows, funnel, scoped_enrolments, summary_rows
from reports.services import delete_expired_exports
from tests.factories.accounts import PASSWORD, TraineeFactory
from tests.factories.courses import make_course
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    MembershipFactory,
    ProducerFactory,
)
from tests.factories.reports import certificate, cohort, progress_row, report_coordinator

pytestmark = pytest.mark.django_db

COMPLETION = reverse("otop_reports:completion")
SUMMARY = reverse("otop_reports:summary")


def member_of(producer, **user_fields):
    return MembershipFactory(producer=producer, user=TraineeFactory(**user_fields)).user


@pytest.fixture
def programme(home_page):
    """Two courses, trainees in Lamphun and Chiang Mai, at every stage from enrolled to certified."""
    packaging = make_course(lessons=4, modules=1, title="การออกแบบบรรจุภัณฑ์")
    online = make_course(lessons=3, modules=1, title="การขายออนไลน์")
    lamphun = ProducerFactory(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง", registration_number="5101-00077")
    chiang_mai = ProducerFactory(
        name="กลุ่มร่มบ่อสร้าง",
        registration_number="5015-00012",
        subdistrict_code=CHIANG_MAI_KHUN_KHONG,
    )
    somjai = member_of(lamphun, first_name="สมใจ", last_name="ใจดี", phone="0812345678")
    malee = member_of(lamphun, first_name="มาลี", last_name="ศรีสุข")
    boonmee = member_of(chiang_mai, first_name="บุญมี", last_name="แก้วมณี")
    lone = TraineeFactory(first_name="ประไพ", last_name="ทองคำ")  # no producer: counts by cohort
    lamphun_session = cohort(online, "5101", "ขายออนไลน์ รุ่นลำพูน")

    done = progress_row(somjai, packaging, done=4, completed_on=dt.date(2026, 7, 15), score=90)
    certificate(done, code="OTOP-2569-7KQ4-M2XD")
    progress_row(somjai, online, done=1, started=1, score=60)
    progress_row(malee, packaging)  # enrolled, never started
    cm_done = progress_row(boonmee, packaging, done=4, completed_on=dt.date(2026, 8, 3))
    certificate(cm_done, status="revoked")
    progress_row(
        lone,
        online,
        done=3,
        completed_on=dt.date(2026, 8, 20),
        cohort=lamphun_session,
        enrolled_on=dt.date(2026, 7, 1),
    )
    return {"packaging": packaging, "online": online, "session": lamphun_session}


def rows_by_trainee(user):
    return {
        r["user__first_name"] + r["course__title"]: r
        for r in completion_rows(scoped_enrolments(user))
    }


def test_summary_by_course_equals_an_independent_count(programme):
    from certificates.models import Certificate
    from learning.models import Enrolment, LessonProgress

    rows = {
        r["course__title"]: r
        for r in summary_rows(scoped_enrolments(report_coordinator()), "course")
    }
    for course in (programme["packaging"], programme["online"]):
        enrolments = list(Enrolment.objects.filter(course=course))
        expected = {
            "enrolled": len(enrolments),
            "started": sum(LessonProgress.objects.filter(enrolment=e).exists() for e in enrolments),
            "completed": sum(e.status == "completed" for e in enrolments),
            "certified": sum(
                Certificate.objects.filter(enrolment=e, status="valid").exists() for e in enrolments
            ),
        }
        got = rows[course.title]
        assert {k: got[k] for k in expected} == expected
    assert (rows["การออกแบบบรรจุภัณฑ์"]["enrolled"], rows["การออกแบบบรรจุภัณฑ์"]["completed"]) == (3, 2)
    assert rows["การออกแบบบรรจุภัณฑ์"]["rate"] == pytest.approx(66.7)


def test_summary_by_province_places_a_trainee_without_producer_in_the_cohort_province(programme):
    rows = {
        r["province_code"]: r
        for r in summary_rows(scoped_enrolments(report_coordinator()), "province")
    }
    assert rows["51"]["enrolled"] == 4  # สมใจ ×2, มาลี, and ประไพ through the Lamphun session
    assert rows["51"]["completed"] == 2
    assert rows["50"]["enrolled"] == 1
    assert funnel(scoped_enrolments(report_coordinator())) == {
        "enrolled": 5,
        "started": 4,
        "completed": 3,
        "certified": 1,
    }


def test_completion_rows_show_progress_best_score_and_certificate(programme):
    rows = rows_by_trainee(report_coordinator())
    somjai = rows["สมใจการออกแบบบรรจุภัณฑ์"]
    assert (somjai["done_count"], somjai["required_count"], somjai["best_score"]) == (4, 4, 90)
    assert somjai["completed_on"] == dt.date(2026, 7, 15)
    assert somjai["certificate_code"] == "OTOP-2569-7KQ4-M2XD"
    assert somjai["producer_registration_number"] == "5101-00077"
    assert rows["สมใจการขายออนไลน์"]["done_count"] == 1
    assert rows["บุญมีการออกแบบบรรจุภัณฑ์"]["certificate_status"] == "revoked"
    assert "user__phone" not in somjai


def test_report_progress_counts_equal_the_learning_apps_own(programme):
    from learning.models import Enrolment
    from learning.selectors import with_progress
    from reports.selectors import with_report_progress

    def counts(queryset):
        return sorted(queryset.values_list("pk", "required_count", "done_count"))

    assert counts(with_report_progress(Enrolment.objects.all())) == counts(
        with_progress(Enrolment.objects.all())
    )


def test_filters_by_date_range_producer_type_and_status(programme):
    from reports.filters import filtered_enrolments

    coordinator = report_coordinator()

    def trainees(**params):
        _filterset, enrolments = filtered_enrolments(
            coordinator, {k: [v] for k, v in params.items()}
        )
        return sorted(enrolments.values_list("user__first_name", flat=True))

    assert trainees(enrolled_from="2026-06-15") == ["ประไพ"]
    assert trainees(completed_from="2026-08-01", completed_to="2026-08-31") == [
        "บุญมี",
        "ประไพ",
    ]
    assert trainees(status="active") == ["มาลี", "สมใจ"]
    assert trainees(producer_type="sme") == []
    assert trainees(province="51", status="completed") == ["ประไพ", "สมใจ"]


def test_lamphun_coordinator_sees_no_chiang_mai_trainee(programme, client):
    coordinator = report_coordinator("51")
    assert not any(
        r["province_code"] == "50" for r in completion_rows(scoped_enrolments(coordinator))
    )
    client.force_login(coordinator)
    body = client.get(COMPLETION, {"export": "csv"}).getvalue().decode("utf-8-sig")
    assert "สมใจ" in body and "ประไพ" in body
    assert "บุญมี" not in body and "เชียงใหม่" not in body
    # Asking for Chiang Mai by URL does not widen the scope.
    page = client.get(COMPLETION, {"province": "50"})
    assert "บุญมี" not in page.content.decode()


def test_csv_opens_with_thai_intact_and_buddhist_era_dates(programme, client):
    client.force_login(report_coordinator())
    response = client.get(COMPLETION, {"export": "csv", "course": programme["packaging"].pk})
    raw = response.getvalue()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    heading, rows = table[0], table[1:]
    assert heading[:3] == ["ผู้เรียน", "ผู้ผลิต", "เลขทะเบียน"]
    somjai = next(r for r in rows if r[0] == "นางสาวสมใจ ใจดี")
    assert somjai[1] == "กลุ่มทอผ้าไหมยกดอกบ้านกลาง"
    assert somjai[3] == "ลำพูน"
    assert "15 ก.ค. 2569" in somjai
    assert len(rows) == 3
    assert ModelLogEntry.objects.get(action="reports.export").data["rows"] == 3


def test_xlsx_cells_have_real_types(programme, client):
    client.force_login(report_coordinator())
    response = client.get(COMPLETION, {"export": "xlsx", "status": "completed"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    heading = [c.value for c in sheet[1]]
    rows = {
        row[0]: dict(zip(heading, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    somjai = rows["นางสาวสมใจ ใจดี"]
    with translation.override("th"):
        completed, done, score = (
            gettext(t) for t in ("Completed on", "Lessons done", "Best quiz score")
        )
    assert somjai[completed] == dt.datetime(
        2026, 7, 15
    )  # a date cell (openpyxl reads it as datetime)
    assert somjai[done] == 4 and isinstance(somjai[done], int)
    assert somjai[score] == 90
    assert len(rows) == 3


def test_english_admin_gets_english_headings_and_iso_dates(programme, client):
    coordinator = report_coordinator()
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(coordinator)
    text = (
        client.get(COMPLETION, {"export": "csv", "status": "completed"})
        .getvalue()
        .decode("utf-8-sig")
    )
    heading = next(csv.reader(io.StringIO(text)))
    assert heading[:3] == ["Trainee", "Producer", "Registration number"]
    assert "2026-07-15" in text


def test_contact_details_only_for_a_national_coordinator_who_asks_and_it_is_logged(
    programme, client
):
    national = report_coordinator()
    client.force_login(national)
    assert "0812345678" not in client.get(COMPLETION, {"export": "csv"}).getvalue().decode(
        "utf-8-sig"
    )
    page = client.get(COMPLETION).content.decode()
    assert 'name="include_contacts"' in page
    text = (
        client.get(COMPLETION, {"export": "csv", "include_contacts": "true"})
        .getvalue()
        .decode("utf-8-sig")
    )
    assert "0812345678" in text
    assert (
        ModelLogEntry.objects.filter(
            action="reports.export", user=national, data__include_contacts=True
        ).count()
        == 1
    )

    provincial = report_coordinator("51")
    client.force_login(provincial)
    assert 'name="include_contacts"' not in client.get(COMPLETION).content.decode()
    text = (
        client.get(COMPLETION, {"export": "csv", "include_contacts": "true"})
        .getvalue()
        .decode("utf-8-sig")
    )
    assert "0812345678" not in text


def test_a_trainee_cannot_open_the_reports(programme, client):
    client.login(username=TraineeFactory().email, password=PASSWORD)
    response = client.get(COMPLETION)
    assert response.status_code in (302, 403)


def test_a_large_export_runs_in_the_background_and_only_its_owner_downloads_it(
    programme, client, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_ASYNC_THRESHOLD = 2
    coordinator = report_coordinator()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(COMPLETION, {"export": "csv"})
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("otop_reports:download_detail", args=[job.pk])
    assert (job.status, job.progress_total, job.percent) == ("done", 5, 100)
    file_url = reverse("otop_reports:download_file", args=[job.pk])
    body = b"".join(client.get(file_url).streaming_content)
    assert body.startswith(b"\xef\xbb\xbf") and "สมใจ".encode() in body
    assert (
        client.get(reverse("core_job_status", args=[job.job_kind, job.pk])).json()["result_url"]
        == file_url
    )
    assert file_url in client.get(reverse("otop_reports:downloads")).content.decode()

    client.force_login(report_coordinator())
    assert client.get(file_url).status_code == 404


def test_expired_downloads_are_deleted_with_their_files(
    programme, client, settings, django_capture_on_commit_callbacks
):
    settings.REPORTS_ASYNC_THRESHOLD = 0
    client.force_login(report_coordinator())
    with django_capture_on_commit_callbacks(execute=True):
        client.get(COMPLETION, {"export": "xlsx"})
    job = ExportJob.objects.get()
    storage, name = job.file.storage, job.file.name
    assert storage.exists(name)
    assert delete_expired_exports(now=timezone.now()) == 0
    assert delete_expired_exports(now=timezone.now() + dt.timedelta(days=8)) == 1
    assert not ExportJob.objects.exists() and not storage.exists(name)


def test_summary_page_shows_charts_with_their_numbers(programme, client):
    client.force_login(report_coordinator("51"))
    html = client.get(SUMMARY, {"by": "province"}).content.decode()
    assert html.count('<svg class="report-chart__svg"') == 3
    assert "ลำพูน" in html and "เชียงใหม่" not in html
    assert "<table" in html


def test_summary_csv_download_counts_by_month(programme, client):
    client.force_login(report_coordinator())
    text = client.get(SUMMARY, {"by": "month", "export": "csv"}).getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "เดือนที่ลงทะเบียน"
    by_month = {r[0]: r for r in rows[1:]}
    assert by_month["มิ.ย. 2569"][1] == "4" and by_month["ก.ค. 2569"][1] == "1"


@pytest.mark.parametrize("by", ["course", "province", "district", "cohort", "month"])
def test_every_grouping_of_the_summary_adds_up_to_all_enrolments(programme, client, by):
    client.force_login(report_coordinator())
    text = client.get(SUMMARY, {"by": by, "export": "csv"}).getvalue().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert sum(int(row[1]) for row in rows) == 5
    assert all(row[0] for row in rows)  # every group has a label (ไม่ทราบ / ไม่ได้ลงทะเบียนผ่านรุ่นอบรม)
    assert client.get(SUMMARY, {"by": by}).status_code == 200


def test_a_name_typed_as_a_formula_stays_text_in_the_csv():
    from core.exports import Column, csv_chunks

    columns = [Column.at("trainee", "Trainee"), Column.at("lessons", "Lessons", "number")]
    rows = [
        {"trainee": '=HYPERLINK("http://evil.example","ok")', "lessons": 3},
        {"trainee": "@SUM(A1)", "lessons": -1},
    ]
    text = b"".join(csv_chunks(columns, rows)).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text
    assert ",-1" in text  # numbers are left as they are


def test_xlsx_dates_show_in_the_buddhist_era_with_a_frozen_header_and_filters(programme, client):
    client.force_login(report_coordinator())
    response = client.get(COMPLETION, {"export": "xlsx", "status": "completed"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active

    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    dated = [c for row in sheet.iter_rows(min_row=2) for c in row if c.is_date]
    assert dated and {c.number_format for c in dated} == {"[$-1070000]d/mm/yyyy;@"}


def test_a_download_is_in_the_site_history_in_thai_and_not_in_the_django_admin(programme, client):
    from django.contrib import admin

    from tests.factories.accounts import UserFactory

    client.force_login(report_coordinator())
    client.get(COMPLETION, {"export": "csv", "course": programme["packaging"].pk})

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get("/admin/reports/site-history/").content.decode()

    assert "ดาวน์โหลด ผลการเรียนรายบุคคล (CSV): 3 แถว" in page
    assert "ดาวน์โหลดรายงาน" in page  # the action's Thai label in the filter
    assert not any(model._meta.app_label == "reports" for model in admin.site._registry)

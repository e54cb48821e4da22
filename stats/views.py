"""Statistics pages in the Wagtail admin: Wagtail ``ReportView`` + the project's exporter (lms.exports).

Views stay thin: figures come from ``stats.queries``, small cells are hidden by ``stats.privacy``,
charts are drawn by ``stats.charts`` and every download is written to the audit log by
``stats.exports.record_export``. Each view names its permission explicitly.
"""

from urllib.parse import urlencode

from django.forms import Media
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from accounts.models import Division, LearnerProfile
from lms.exports import SafeSpreadsheetExportMixin, SpreadsheetExport, requested_format

from . import charts, queries
from .exports import (
    exported_statements,
    learner_columns,
    learner_enrolments,
    learner_rows,
    record_export,
    statement_lines,
)
from .forms import StatsFilterForm
from .models import ExportRecord
from .permissions import EXPORT_LEARNERS, VIEW_PERSONAL_DATA, VIEW_STATISTICS, statistics_policy
from .privacy import SUPPRESSION_NOTE, WITHHELD, apply_privacy, may_see_small_counts, suppress_row

XLSX_MAX_ROWS = 1_048_575

COLUMN_LABELS = {
    "label": _("Name"),
    "registered": _("Registered learners"),
    "new_learners": _("New learners"),
    "learners": _("Learners enrolled"),
    "active_7": _("Active, last 7 days"),
    "active_30": _("Active, last 30 days"),
    "enrolments": _("Enrolments"),
    "completions": _("Completions"),
    "completion_rate": _("Completion rate (%)"),
    "pass_rate": _("Pass rate (%)"),
    "avg_score": _("Average score (of 100)"),
    "learning_hours": _("Learning time (hours)"),
    "urban_completion_rate": _("Completion rate, town (%)"),
    "rural_completion_rate": _("Completion rate, countryside (%)"),
    "urban_rural_gap": _("Town minus countryside (points)"),
    "gap_to_national": _("Against national (points)"),
}
FIGURES = [
    "registered",
    "new_learners",
    "active_7",
    "active_30",
    "enrolments",
    "completions",
    "completion_rate",
    "pass_rate",
    "avg_score",
    "learning_hours",
]
BREAKDOWN_COLUMNS = [
    "label",
    "registered",
    "active_7",
    "active_30",
    "enrolments",
    "completions",
    "completion_rate",
    "pass_rate",
    "avg_score",
    "learning_hours",
]


def _shown(value):
    return "" if value is None else value


class StatisticsReportView(SafeSpreadsheetExportMixin, ReportView):
    """A statistics table with filters, a chart, "<5" suppression, CSV/XLSX export and audit log."""

    permission_policy = statistics_policy
    permission_required = VIEW_STATISTICS
    template_name = "stats/report.html"
    results_template_name = "stats/report_results.html"
    paginate_by = None
    header_icon = "table"
    report_name = ""
    column_names = BREAKDOWN_COLUMNS

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.list_export = list(self.get_column_names())
        labels = self.get_column_labels()
        self.export_headings = {name: labels[name] for name in self.list_export}

    def get_column_names(self):
        return self.column_names

    def get_column_labels(self):
        return COLUMN_LABELS

    @cached_property
    def filter_form(self):
        return StatsFilterForm(self.request.GET or None)

    @cached_property
    def stats_filter(self):
        return self.filter_form.to_filter()

    @cached_property
    def reveal(self):
        return may_see_small_counts(self.request.user)

    @cached_property
    def columns(self):
        columns = []
        for name in self.get_column_names():
            if name == "label":
                columns.append(
                    TitleColumn("label", label=self.export_headings[name], get_url=lambda row: row.get("url"))
                )
            else:
                columns.append(Column(name, label=self.export_headings[name]))
        return columns

    def get_rows(self):
        raise NotImplementedError

    @cached_property
    def raw_rows(self):
        return self.get_rows()

    def get_queryset(self):
        return apply_privacy(self.raw_rows, reveal=self.reveal)

    def filter_queryset(self, queryset):
        return queryset

    def get_filename(self):
        return f"{self.report_name}-{self.stats_filter.start:%Y%m%d}-{self.stats_filter.end:%Y%m%d}"

    def export_started(self, items, export_format):
        record_export(
            user=self.request.user,
            kind=ExportRecord.Kind.REPORT,
            report=self.report_name,
            file_format=export_format,
            filters=self.stats_filter.for_audit(),
            row_count=len(items),
        )

    def url_with(self, **params):
        """This page's URL with some filters changed (None removes one), for drill-down links."""
        query = self.request.GET.copy()
        query.pop("export", None)
        for key, value in params.items():
            query.pop(key, None)
            if value is not None:
                query[key] = value
        return f"{self.request.path}?{query.urlencode()}"

    def get_charts(self, rows):
        return []

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["filter_form"] = self.filter_form
        # The date fields' widget calls initDateChooser() inline: its script must be in the page's media.
        context["media"] = context.get("media", Media()) + self.filter_form.media
        context["stats_filter"] = self.stats_filter
        context["charts"] = self.get_charts(context["object_list"])
        context["suppression_note"] = None if self.reveal else SUPPRESSION_NOTE
        context["report_links"] = report_links(self.request.user)
        return context


def _rate_bars(rows, *, field="completion_rate"):
    items = []
    for row in rows:
        value = row.get(field)
        number = value if isinstance(value, int | float) else None
        items.append((row["label"], number, "" if value is None else (f"{value}%" if number is not None else value)))
    return items


class OverviewView(StatisticsReportView):
    page_title = _("Statistics overview")
    report_name = "overview"
    index_url_name = "stats:overview"
    column_names = ["label", "value"]

    def get_column_labels(self):
        return {"label": _("Figure"), "value": _("Value")}

    @cached_property
    def figures(self):
        row = queries.overview(filters=self.stats_filter)
        return row if self.reveal else suppress_row(row)

    def get_rows(self):
        return [{"key": name, "label": COLUMN_LABELS[name], "value": _shown(self.figures[name])} for name in FIGURES]

    def get_queryset(self):
        # The figures are suppressed once, in self.figures.
        return self.get_rows()

    def get_charts(self, rows):
        trend_rows = apply_privacy(queries.trend(filters=self.stats_filter, period="month"), reveal=self.reveal)
        return [trend_chart(trend_rows, period="month")]


class BreakdownView(StatisticsReportView):
    """Figures split by one dimension, with the national completion rate as the chart's reference line."""

    dimension = ""

    def get_dimension(self):
        return self.dimension

    def get_rows(self):
        return queries.breakdown(dimension=self.get_dimension(), filters=self.stats_filter)

    def overall(self):
        """Completion of everyone in the table: summed from the rows when they split the learners
        (every dimension but learning groups, where a learner may be in two groups or none)."""
        if self.get_dimension() == "group":
            return queries.overview(filters=self.stats_filter)
        totals = {
            name: sum(row[name] or 0 for row in self.raw_rows) for name in ("learners", "enrolments", "completed")
        }
        # Learners enrolled in two courses appear in two course rows: the sum is an upper bound, which
        # only matters for hiding the rate when there are fewer than five of them.
        totals["completion_rate"] = queries.rate(totals["completed"], totals["enrolments"])
        return totals

    def get_charts(self, rows):
        overall = self.overall()
        shown = self.reveal or suppress_row(overall)["completion_rate"] != WITHHELD
        overall_rate = overall["completion_rate"] if shown else None
        dimension_label = queries.DIMENSIONS[self.get_dimension()].label
        return [
            charts.bar_chart(
                title=gettext("Completion rate by %(dimension)s") % {"dimension": dimension_label},
                description=gettext(
                    "Bars show each row's completion rate in per cent; the dashed line is the rate of all "
                    "learners in the table, %(rate)s%%. The table below holds the same figures."
                )
                % {"rate": "–" if overall_rate is None else overall_rate},
                items=_rate_bars(rows),
                maximum=100,
                reference=overall_rate,
                reference_label=gettext("all"),
            )
        ]


class CourseReportView(BreakdownView):
    page_title = _("Statistics by course")
    report_name = "by-course"
    index_url_name = "stats:courses"
    dimension = "course"
    column_names = ["label", "learners", "active_7", "active_30", *BREAKDOWN_COLUMNS[4:]]


class RegionReportView(BreakdownView):
    page_title = _("Statistics by region")
    report_name = "by-region"
    index_url_name = "stats:regions"
    column_names = [
        *BREAKDOWN_COLUMNS,
        "urban_completion_rate",
        "rural_completion_rate",
        "urban_rural_gap",
    ]

    def get_dimension(self):
        return self.stats_filter.region_level

    def get_rows(self):
        rows = super().get_rows()
        level = self.get_dimension()
        for row in rows:
            if row["key"] and level == "province":
                row["url"] = self.url_with(province=row["key"], prefecture=None, county=None)
            elif row["key"] and level == "prefecture":
                row["url"] = self.url_with(prefecture=row["key"], county=None)
        return rows

    def get_page_subtitle(self):
        code = self.stats_filter.prefecture or self.stats_filter.province
        return Division.objects.filter(code=code).first() if code else None


class PeopleReportView(BreakdownView):
    page_title = _("Statistics by group of people")
    report_name = "by-people"
    index_url_name = "stats:people"
    choices = [
        ("audience_group", _("Group of people")),
        ("age_band", _("Age band")),
        ("area", _("Town or countryside")),
    ]

    def get_dimension(self):
        by = self.request.GET.get("by")
        return by if by in dict(self.choices) else "audience_group"

    def get_filename(self):
        return (
            f"{self.report_name}-{self.get_dimension()}-{self.stats_filter.start:%Y%m%d}-{self.stats_filter.end:%Y%m%d}"
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["tabs"] = [
            {"label": label, "url": self.url_with(by=key), "current": key == self.get_dimension()}
            for key, label in self.choices
        ]
        return context


class GroupReportView(BreakdownView):
    page_title = _("Statistics by learning group")
    report_name = "by-group"
    index_url_name = "stats:groups"
    dimension = "group"
    paginate_by = 100

    def get_rows(self):
        rows = super().get_rows()
        overview_url = reverse("stats:courses")
        for row in rows:
            if row["key"]:
                row["url"] = f"{overview_url}?{urlencode({'group': row['key']})}"
        return rows

    def get_charts(self, rows):
        # Only a page's worth of groups is drawn: the chart must stay readable.
        return super().get_charts(list(rows)[:30])


class TrendReportView(StatisticsReportView):
    page_title = _("Trends")
    report_name = "trends"
    index_url_name = "stats:trends"
    column_names = ["label", "new_learners", "enrolments", "completions"]

    @cached_property
    def columns(self):
        return [Column(name, label=self.export_headings[name]) for name in self.list_export]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.export_headings = dict(
            self.export_headings, label=_("Week starting") if self.period == "week" else _("Month")
        )

    @cached_property
    def period(self):
        return "week" if self.request.GET.get("period") == "week" else "month"

    def get_rows(self):
        return queries.trend(filters=self.stats_filter, period=self.period)

    def get_charts(self, rows):
        return [trend_chart(rows, period=self.period)]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["tabs"] = [
            {"label": _("Monthly"), "url": self.url_with(period="month"), "current": self.period == "month"},
            {"label": _("Weekly"), "url": self.url_with(period="week"), "current": self.period == "week"},
        ]
        return context


def trend_chart(rows, *, period):
    """Columns per week or month; ``period`` is "week" or "month"."""
    weekly = period == "week"
    periods = [row["label"].strftime("%m-%d" if weekly else "%Y-%m") for row in rows]

    def numbers(name):
        return [row[name] if isinstance(row[name], int) else None for row in rows]

    if weekly:
        title = gettext("New learners, enrolments and completions per week")
        description = gettext(
            "Columns for each week: new learners, enrolments and completions. The trends table holds the same figures."
        )
    else:
        title = gettext("New learners, enrolments and completions per month")
        description = gettext(
            "Columns for each month: new learners, enrolments and completions. The trends table holds the same figures."
        )
    return charts.column_chart(
        title=title,
        description=description,
        periods=periods,
        series=[
            (gettext("New learners"), "", numbers("new_learners")),
            (gettext("Enrolments"), "stats-chart__bar--second", numbers("enrolments")),
            (gettext("Completions"), "stats-chart__bar--third", numbers("completions")),
        ],
    )


class GapReportView(StatisticsReportView):
    """The evaluation the plan asks for: regions, town and country, and groups of people against the nation."""

    page_title = _("Gaps")
    report_name = "gaps"
    index_url_name = "stats:gaps"
    column_names = ["comparison", "label", "learners", "enrolments", "completion_rate", "gap_to_national"]

    def get_column_labels(self):
        return dict(COLUMN_LABELS, comparison=_("Compared by"))

    @cached_property
    def gap_data(self):
        return queries.gaps(filters=self.stats_filter)

    def get_rows(self):
        data = self.gap_data
        national = dict(data["national"], label=gettext("National"), comparison=gettext("National"))
        national["gap_to_national"] = 0.0 if national["completion_rate"] is not None else None
        region_name = str(queries.DIMENSIONS[data["region_level"]].label)
        rows = [national]
        rows += [dict(row, comparison=region_name) for row in data["regions"]]
        urban_rural = []
        for area, prefix in (("urban", "urban"), ("rural", "rural")):
            rate = national[f"{prefix}_completion_rate"]
            urban_rural.append(
                {
                    "comparison": gettext("Town or countryside"),
                    "label": LearnerProfile.Area(area).label,
                    "learners": None,
                    "enrolments": national[f"{prefix}_enrolments"],
                    "completion_rate": rate,
                    "gap_to_national": (
                        round(rate - national["completion_rate"], 1)
                        if rate is not None and national["completion_rate"] is not None
                        else None
                    ),
                }
            )
        rows += urban_rural
        rows += [dict(row, comparison=gettext("Group of people")) for row in data["audiences"]]
        return rows

    def get_queryset(self):
        rows = self.get_rows()
        if self.reveal:
            return rows
        shown = []
        for row in rows:
            if row.get("learners") is None:
                # Town/countryside rows: judge by their enrolments.
                row = dict(row, learners=row["enrolments"])
                row = suppress_row(row)
                row["learners"] = ""
            else:
                row = suppress_row(row)
            shown.append(row)
        return shown

    def get_charts(self, rows):
        national = rows[0]
        regions = [
            row for row in rows[1:] if row["comparison"] == str(queries.DIMENSIONS[self.gap_data["region_level"]].label)
        ]
        others = [row for row in rows[1:] if row not in regions]

        def items(selected):
            result = []
            for row in selected:
                value = row["gap_to_national"]
                number = value if isinstance(value, int | float) else None
                text = "" if value is None else (f"{value:+.1f}" if number is not None else value)
                result.append((row["label"], number, text))
            return result

        national_rate = national["completion_rate"]
        rate_text = national_rate if national_rate not in (None, "") else "–"
        return [
            charts.bar_chart(
                title=gettext("Regions against the national completion rate"),
                description=gettext(
                    "Each bar is a region's completion rate minus the national rate of %(rate)s%%, in percentage "
                    "points: right of the line is above the nation, left is below."
                )
                % {"rate": rate_text},
                items=items(regions),
                diverging=True,
            ),
            charts.bar_chart(
                title=gettext("Town, countryside and groups of people against the national completion rate"),
                description=gettext(
                    "Each bar is a completion rate minus the national rate of %(rate)s%%, in percentage points."
                )
                % {"rate": rate_text},
                items=items(others),
                diverging=True,
            ),
        ]


REPORTS = [
    ("stats:overview", _("Overview")),
    ("stats:courses", _("By course")),
    ("stats:regions", _("By region")),
    ("stats:people", _("By group of people")),
    ("stats:groups", _("By learning group")),
    ("stats:trends", _("Trends")),
    ("stats:gaps", _("Gaps")),
]


def report_links(user):
    links = [{"url": reverse(name), "label": label} for name, label in REPORTS]
    if statistics_policy.user_has_permission(user, EXPORT_LEARNERS):
        links.append({"url": reverse("stats:learner_export"), "label": _("Learner-level export")})
        links.append({"url": reverse("stats:statement_export"), "label": _("xAPI statements")})
    return links


class ExportFormView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """A filter form whose submit downloads a file (GET, so a link can be shared with a colleague)."""

    permission_policy = statistics_policy
    permission_required = EXPORT_LEARNERS
    template_name = "stats/export_form.html"
    header_icon = "download"

    @cached_property
    def filter_form(self):
        return StatsFilterForm(self.request.GET or None)

    def get(self, request, *args, **kwargs):
        if request.GET.get("download") and self.filter_form.is_valid():
            response = self.download()
            if response is not None:
                return response
        return super().get(request, *args, **kwargs)

    def download(self):
        raise NotImplementedError

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["report_links"] = report_links(self.request.user)
        return context


class LearnerExportView(ExportFormView):
    """One row per learner and course. Phone numbers only when asked for and allowed."""

    page_title = _("Learner-level export")

    @cached_property
    def errors(self):
        return []

    def download(self):
        export_format = requested_format(self.request) or "csv"
        stats_filter = self.filter_form.to_filter()
        include_phone = self.request.GET.get("phone") == "1"
        if include_phone and not statistics_policy.user_has_permission(self.request.user, VIEW_PERSONAL_DATA):
            self.errors.append(_("You may not export phone numbers: that needs the personal-data permission."))
            return None
        row_count = learner_enrolments(stats_filter).count()
        if export_format == "xlsx" and row_count > XLSX_MAX_ROWS:
            self.errors.append(_("Too many rows for a spreadsheet: choose CSV or a shorter period."))
            return None
        record_export(
            user=self.request.user,
            kind=ExportRecord.Kind.LEARNERS,
            file_format=export_format,
            filters=stats_filter.for_audit(),
            row_count=row_count,
            with_phone_numbers=include_phone,
        )
        exporter = SpreadsheetExport(
            columns=learner_columns(include_phone=include_phone),
            filename=f"learners-{stats_filter.start:%Y%m%d}-{stats_filter.end:%Y%m%d}",
        )
        return exporter.response(learner_rows(filters=stats_filter, include_phone=include_phone), export_format)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["errors"] = self.errors
        context["formats"] = [("csv", "CSV"), ("xlsx", "XLSX")]
        context["may_include_phone"] = statistics_policy.user_has_permission(self.request.user, VIEW_PERSONAL_DATA)
        context["intro"] = _(
            "One row per learner and course: status, progress, score, dates, region, group and trainer, for "
            "the courses joined in the period. Learners who declined statistics are left out. Every "
            "download is written to the audit log."
        )
        return context


class StatementExportView(ExportFormView):
    """The raw xAPI statements stored in a period, as JSON lines."""

    page_title = _("xAPI statements")

    def download(self):
        stats_filter = self.filter_form.to_filter()
        row_count = exported_statements(stats_filter).count()
        record_export(
            user=self.request.user,
            kind=ExportRecord.Kind.STATEMENTS,
            file_format="jsonl",
            filters=stats_filter.for_audit(),
            row_count=row_count,
        )
        response = StreamingHttpResponse(statement_lines(filters=stats_filter), content_type="application/x-ndjson")
        response["Content-Disposition"] = content_disposition_header(
            True, f"statements-{stats_filter.start:%Y%m%d}-{stats_filter.end:%Y%m%d}.jsonl"
        )
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["formats"] = []
        context["intro"] = _(
            "The xAPI statements stored in the period, one JSON statement per line, as received. Voided "
            "statements and those of learners who declined statistics are left out. Every download is "
            "written to the audit log."
        )
        return context

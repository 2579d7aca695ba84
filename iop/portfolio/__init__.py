"""The municipality's portfolio and the life of an agreement: figures over every case, the trend of
activities moving between grant, IOP and procurement, what is due after a decision, de minimis room.

Pure functions over the register's rows as a pandas frame (the store hands it over); charts are
Altair specifications and exports are files in bytes. Altair, vl-convert, openpyxl and python-docx
are imported inside the functions that use them.
"""


from iop.portfolio.aggregate import (
    Portfolio,
    aggregate,
    follow_share,
)
from iop.portfolio.charts import (
    breakdown_chart,
    form_year_chart,
    moves_chart,
    recommendation_chart,
)
from iop.portfolio.dates import (
    STOCKHOLM,
    add_months,
    local_time,
    today,
)
from iop.portfolio.export import (
    CSV_MIME,
    DOCX_MIME,
    XLSX_MIME,
    AnnexChart,
    chart_png,
    chart_svg,
    csv_bytes,
    excel_bytes,
    word_annex,
)
from iop.portfolio.figures import (
    AMOUNT_LABEL,
    COLUMNS,
    FORM_GROUP,
    Known,
    PortfolioFilter,
    from_query,
    org_keys,
    typed,
)
from iop.portfolio.reassess import (
    WATCHED,
    changed_answer_lines,
    reassess,
)
from iop.portfolio.summary import (
    breakdown_summary,
    form_year_summary,
    moves_summary,
    recommendation_summary,
    undecided_summary,
)
from iop.portfolio.tables import (
    all_tables,
)
from iop.portfolio.todo import (
    TODO_LABEL,
    AgreementState,
    TodoItem,
    de_minimis,
    de_minimis_items,
    evaluation_due,
    next_follow_up,
    notice_deadline,
    todo_for,
    todo_list,
)
from iop.portfolio.trend import (
    Line,
    line_of,
    links_frame,
    moves,
    would_loop,
)
from iop.portfolio.view import (
    View,
    build_view,
    case_titles,
)

__all__ = [
    "add_months",
    "aggregate",
    "AgreementState",
    "all_tables",
    "AMOUNT_LABEL",
    "AnnexChart",
    "breakdown_chart",
    "breakdown_summary",
    "build_view",
    "case_titles",
    "changed_answer_lines",
    "chart_png",
    "chart_svg",
    "COLUMNS",
    "CSV_MIME",
    "csv_bytes",
    "de_minimis",
    "de_minimis_items",
    "DOCX_MIME",
    "evaluation_due",
    "excel_bytes",
    "follow_share",
    "FORM_GROUP",
    "form_year_chart",
    "form_year_summary",
    "from_query",
    "Known",
    "Line",
    "line_of",
    "links_frame",
    "local_time",
    "moves",
    "moves_chart",
    "moves_summary",
    "next_follow_up",
    "notice_deadline",
    "org_keys",
    "Portfolio",
    "PortfolioFilter",
    "reassess",
    "recommendation_chart",
    "recommendation_summary",
    "STOCKHOLM",
    "TODO_LABEL",
    "today",
    "todo_for",
    "todo_list",
    "TodoItem",
    "typed",
    "undecided_summary",
    "View",
    "WATCHED",
    "word_annex",
    "would_loop",
    "XLSX_MIME",
]

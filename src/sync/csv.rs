//! The complaint list and the statistics as CSV that Excel and WPS open correctly in Chinese:
//! UTF-8 with a byte-order mark, CRLF line ends, headers in the chosen language, fields quoted
//! when they hold a comma, quote or line break, and text that a spreadsheet would run as a
//! formula (starting with `=`, `+`, `-`, `@`, tab or carriage return) prefixed with `'`.

use chrono::{DateTime, FixedOffset, TimeDelta};

use crate::domain::clocks::Clock;
use crate::domain::complaint::{Complaint, Unit};
use crate::domain::settings::Settings;
use crate::domain::stats::{
    AGEING_BUCKETS, Dimension, Period, backlog_ageing, clock_compliance, counts_by, repeat_rate,
    satisfaction_rate, time_to_resolve,
};
use crate::domain::{Channel, Lang, Severity};

/// The byte-order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// One cell: text is guarded and quoted; numbers we wrote ourselves go as they are.
enum Cell {
    Text(String),
    Number(String),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(n: impl ToString) -> Cell {
    Cell::Number(n.to_string())
}

/// A text cell as the file carries it.
pub fn escape_text(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    let needs_quotes = guarded.contains([',', '"', '\n', '\r'])
        || guarded.starts_with(' ')
        || guarded.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn write_row(out: &mut String, row: &[Cell]) {
    for (i, cell) in row.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match cell {
            Cell::Text(s) => out.push_str(&escape_text(s)),
            Cell::Number(s) => out.push_str(s),
        }
    }
    out.push_str("\r\n");
}

fn table(header: &[&str], rows: Vec<Vec<Cell>>) -> String {
    let mut out = String::from(BOM);
    let header: Vec<Cell> = header.iter().map(|h| text(*h)).collect();
    write_row(&mut out, &header);
    for row in rows {
        write_row(&mut out, &row);
    }
    out
}

fn time(t: &DateTime<FixedOffset>) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    if b {
        lang.pick("是", "yes")
    } else {
        lang.pick("否", "no")
    }
}

fn category_name(settings: &Settings, id: &str, lang: Lang) -> String {
    settings
        .category(id)
        .map(|c| match lang {
            Lang::Zh => c.name_zh.clone(),
            Lang::En if !c.name_en.is_empty() => c.name_en.clone(),
            Lang::En => c.name_zh.clone(),
        })
        .unwrap_or_else(|| id.to_owned())
}

fn department_name(settings: &Settings, id: &str, lang: Lang) -> String {
    settings
        .departments
        .iter()
        .find(|d| d.id == id)
        .map(|d| match lang {
            Lang::Zh => d.name_zh.clone(),
            Lang::En if !d.name_en.is_empty() => d.name_en.clone(),
            Lang::En => d.name_zh.clone(),
        })
        .unwrap_or_else(|| id.to_owned())
}

/// The complaint list (as filtered by the caller), one row per complaint.
pub fn complaints_csv<'a>(
    complaints: impl IntoIterator<Item = &'a Complaint>,
    settings: &Settings,
    lang: Lang,
) -> String {
    let header = [
        lang.pick("投诉编号", "Number"),
        lang.pick("受理时间", "Received"),
        lang.pick("投诉渠道", "Channel"),
        lang.pick("投诉人", "Complainant"),
        lang.pick("联系电话", "Phone"),
        lang.pick("楼栋-单元-房号", "Building-entrance-room"),
        lang.pick("投诉类别", "Category"),
        lang.pick("投诉等级", "Level"),
        lang.pick("状态", "State"),
        lang.pick("责任部门", "Department"),
        lang.pick("事件经过", "Description"),
        lang.pick("业主诉求", "Request"),
        lang.pick("结案时间", "Closed"),
        lang.pick("有冲突", "In conflict"),
        lang.pick("待复核", "Needs review"),
        lang.pick("演练", "Drill"),
        lang.pick("已删除", "Deleted"),
    ];
    let rows = complaints
        .into_iter()
        .map(|c| {
            let p = &c.details.complainant;
            let complainant = if p.anonymous {
                lang.pick("匿名", "anonymous").to_owned()
            } else {
                p.name.clone().unwrap_or_default()
            };
            let department = c
                .dispatch
                .as_ref()
                .map(|d| d.department.clone())
                .or_else(|| c.details.complained_department.clone())
                .map(|d| department_name(settings, &d, lang))
                .unwrap_or_default();
            vec![
                text(c.number.to_string()),
                text(time(&c.received_at)),
                text(c.details.channel.label(lang)),
                text(complainant),
                text(
                    p.phone
                        .as_ref()
                        .map(|ph| ph.as_str().to_owned())
                        .unwrap_or_default(),
                ),
                text(p.unit.as_ref().map(Unit::text).unwrap_or_default()),
                text(
                    c.details
                        .category
                        .as_deref()
                        .map(|id| category_name(settings, id, lang))
                        .unwrap_or_default(),
                ),
                text(c.severity.map(|s| s.label(lang)).unwrap_or_default()),
                text(c.state.label(lang)),
                text(department),
                text(c.details.description.clone()),
                text(c.details.request.clone()),
                text(c.closed_at.as_ref().map(time).unwrap_or_default()),
                text(yes_no(c.in_conflict(), lang)),
                text(yes_no(c.needs_review(), lang)),
                text(yes_no(c.details.drill, lang)),
                text(yes_no(c.deleted.is_some(), lang)),
            ]
        })
        .collect();
    table(&header, rows)
}

fn percent(rate: Option<f64>) -> Cell {
    match rate {
        Some(r) => number(format!("{:.1}%", r * 100.0)),
        None => text(""),
    }
}

fn hours(d: TimeDelta) -> Cell {
    number(format!("{:.1}", d.num_minutes() as f64 / 60.0))
}

/// The value as the statistics spell a key: its serde name (`walk_in`, `major`).
fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn severity_label(k: &str, lang: Lang) -> String {
    Severity::ALL
        .into_iter()
        .find(|s| serde_name(s) == k)
        .map(|s| s.label(lang).to_owned())
        .unwrap_or_else(|| k.to_owned())
}

fn channel_label(k: &str, lang: Lang) -> String {
    [
        Channel::Hotline,
        Channel::Phone,
        Channel::WalkIn,
        Channel::Email,
        Channel::Letter,
        Channel::OnSiteVisit,
        Channel::GovernmentHotline,
        Channel::Online,
        Channel::Other,
    ]
    .into_iter()
    .find(|c| serde_name(c) == k)
    .map(|c| c.label(lang).to_owned())
    .unwrap_or_else(|| k.to_owned())
}

/// One line of the statistics: what is measured, the group, and the value as written (empty
/// when there is nothing to measure). `count` is set where the value is a number of complaints,
/// so a page can draw it as a bar.
#[derive(Clone, Debug, PartialEq)]
pub struct StatRow {
    pub measure: String,
    pub group: String,
    pub value: String,
    pub count: Option<usize>,
}

/// The statistics' column names.
pub fn statistics_header(lang: Lang) -> [&'static str; 3] {
    [
        lang.pick("统计项", "Measure"),
        lang.pick("分组", "Group"),
        lang.pick("数值", "Value"),
    ]
}

/// The statistics of `complaints` (drills and deleted ones never count): counts by month,
/// level, category, department, channel and building; each clock's compliance; satisfaction and
/// repeat rates; time to resolve; backlog ageing at `now`. The statistics page shows exactly
/// these rows and [`statistics_csv`] writes exactly these rows.
pub fn statistics_rows(
    complaints: &[Complaint],
    settings: &Settings,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> Vec<StatRow> {
    let none = lang.pick("（未填）", "(none)");
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut counts = |title: &str, dimension: Dimension, name: &dyn Fn(&str) -> String| {
        for (k, n) in counts_by(complaints, dimension) {
            let group = if k.is_empty() {
                none.to_owned()
            } else {
                name(&k)
            };
            rows.push(vec![text(title), text(group), number(n)]);
        }
    };
    let step = crate::domain::stats::timeline_period(complaints);
    let over_time = match step {
        Period::Day => lang.pick("按日受理数", "Received by day"),
        Period::Week => lang.pick("按周受理数", "Received by week"),
        Period::Month => lang.pick("按月受理数", "Received by month"),
    };
    counts(over_time, Dimension::Period(step), &|k| k.to_owned());
    counts(lang.pick("按等级", "By level"), Dimension::Level, &|k| {
        severity_label(k, lang)
    });
    counts(
        lang.pick("按类别", "By category"),
        Dimension::Category,
        &|k| category_name(settings, k, lang),
    );
    counts(
        lang.pick("按部门", "By department"),
        Dimension::Department,
        &|k| department_name(settings, k, lang),
    );
    counts(
        lang.pick("按渠道", "By channel"),
        Dimension::Channel,
        &|k| channel_label(k, lang),
    );
    counts(
        lang.pick("按项目", "By project"),
        Dimension::Project,
        &|k| k.to_owned(),
    );
    counts(
        lang.pick("按楼栋", "By building"),
        Dimension::Building,
        &|k| k.to_owned(),
    );
    // Referred complaints by the body that referred them, and how their deadlines went.
    let referred = counts_by(complaints, Dimension::Referral);
    for (body, n) in referred.iter().filter(|(k, _)| !k.is_empty()) {
        rows.push(vec![
            text(lang.pick("转办投诉", "Referred complaints")),
            text(body.clone()),
            number(*n),
        ]);
    }
    if referred.keys().any(|k| !k.is_empty()) {
        let r = crate::domain::stats::referral_compliance(complaints, now);
        let title = lang.pick(
            "时限：答复转办单位",
            "Time limit: reply to the referring body",
        );
        for (group, value) in [
            (lang.pick("按时", "met"), number(r.met)),
            (lang.pick("超时", "breached"), number(r.breached)),
            (lang.pick("进行中", "pending"), number(r.pending)),
            (lang.pick("按时率", "rate met"), percent(r.rate())),
        ] {
            rows.push(vec![text(title), text(group), value]);
        }
    }
    let compliance = clock_compliance(complaints, settings, now);
    for clock in Clock::ALL {
        let c = compliance.get(&clock).copied().unwrap_or_default();
        let title = format!(
            "{}{}",
            lang.pick("时限：", "Time limit: "),
            clock.label(lang)
        );
        rows.push(vec![
            text(title.clone()),
            text(lang.pick("按时", "met")),
            number(c.met),
        ]);
        rows.push(vec![
            text(title.clone()),
            text(lang.pick("超时", "breached")),
            number(c.breached),
        ]);
        rows.push(vec![
            text(title.clone()),
            text(lang.pick("进行中", "pending")),
            number(c.pending),
        ]);
        rows.push(vec![
            text(title),
            text(lang.pick("按时率", "rate met")),
            percent(c.rate()),
        ]);
    }
    rows.push(vec![
        text(lang.pick("满意率", "Satisfaction rate")),
        text(""),
        percent(satisfaction_rate(complaints)),
    ]);
    rows.push(vec![
        text(lang.pick("重复投诉率", "Repeat rate")),
        text(""),
        percent(repeat_rate(complaints, settings.repeat_window_days)),
    ]);
    if let Some(t) = time_to_resolve(complaints) {
        let title = lang.pick("结案用时（小时）", "Time to close (hours)");
        rows.push(vec![
            text(title),
            text(lang.pick("已结案数", "closed")),
            number(t.count),
        ]);
        rows.push(vec![
            text(title),
            text(lang.pick("中位数", "median")),
            hours(t.median),
        ]);
        rows.push(vec![text(title), text("P90"), hours(t.p90)]);
    }
    let ageing = backlog_ageing(complaints, now);
    for ((zh, en), n) in AGEING_BUCKETS.iter().zip(ageing) {
        rows.push(vec![
            text(lang.pick("未结案账龄", "Open complaints by age")),
            text(lang.pick(zh, en)),
            number(n),
        ]);
    }
    rows.into_iter()
        .map(|row| {
            let [measure, group, value]: [Cell; 3] = row
                .try_into()
                .unwrap_or_else(|_| [text(""), text(""), text("")]);
            let plain = |c: Cell| match c {
                Cell::Text(s) | Cell::Number(s) => s,
            };
            StatRow {
                measure: plain(measure),
                group: plain(group),
                count: match &value {
                    Cell::Number(n) => n.parse().ok(),
                    Cell::Text(_) => None,
                },
                value: plain(value),
            }
        })
        .collect()
}

/// The statistics as CSV: the rows of [`statistics_rows`], numbers as numbers.
pub fn statistics_csv(
    complaints: &[Complaint],
    settings: &Settings,
    now: DateTime<FixedOffset>,
    lang: Lang,
) -> String {
    let rows = statistics_rows(complaints, settings, now, lang)
        .into_iter()
        .map(|r| {
            let value = if r.value.is_empty() {
                text("")
            } else {
                number(r.value)
            };
            vec![text(r.measure), text(r.group), value]
        })
        .collect();
    table(&statistics_header(lang), rows)
}

/// Why a unit list (CSV) was not taken. Nothing is changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnitListError {
    /// The file has no lines, or only the header.
    Empty,
    /// The header lacks a column the list needs (`building` or `room`), by its Chinese name.
    MissingColumn(&'static str),
    /// A line's value is wrong: the line number (1 is the header) and what is wrong.
    Line {
        line: usize,
        error: crate::domain::ValidationError,
    },
    /// A quoted field is not closed before the end of the file.
    Unclosed { line: usize },
}

/// The fields of each CSV record: commas, quotes (`""` inside), line breaks inside quotes;
/// a BOM first is dropped. Each record comes with the line it starts on.
pub fn read_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, UnitListError> {
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut out = Vec::new();
    let (mut record, mut field) = (Vec::new(), String::new());
    let (mut line, mut start, mut quoted, mut after_quote) = (1usize, 1usize, false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => {
                quoted = false;
                after_quote = true;
            }
            (true, c) => {
                line += usize::from(c == '\n');
                field.push(c);
            }
            (false, '"') if field.is_empty() && !after_quote => quoted = true,
            (false, ',') => {
                record.push(std::mem::take(&mut field));
                after_quote = false;
            }
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                if record.iter().any(|f| !f.trim().is_empty()) {
                    out.push((start, std::mem::take(&mut record)));
                }
                record.clear();
                after_quote = false;
                line += 1;
                start = line;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(UnitListError::Unclosed { line: start });
    }
    record.push(field);
    if record.iter().any(|f| !f.trim().is_empty()) {
        out.push((start, record));
    }
    Ok(out)
}

/// The headers each column of a unit list may have, in Chinese or English.
const UNIT_COLUMNS: [(&str, &[&str]); 5] = [
    ("楼栋", &["楼栋", "楼号", "楼栋号", "building"]),
    ("单元", &["单元", "单元号", "unit", "entrance"]),
    ("房号", &["房号", "房间号", "门牌号", "room"]),
    (
        "业主姓名",
        &["业主姓名", "业主", "姓名", "owner name", "owner"],
    ),
    ("电话", &["电话", "联系电话", "手机", "手机号", "phone"]),
];

/// A unit list as a spreadsheet saves it (building, unit, room, owner name, phone; headers in
/// Chinese or English, any order, a BOM or none): the households, each checked as the
/// household form checks it. The first line that is wrong is named.
pub fn read_households(text: &str) -> Result<Vec<crate::domain::visits::Household>, UnitListError> {
    use crate::domain::validate::{MAX_SHORT, Phone, bounded, required};
    use crate::domain::{Field, ValidationError};
    let records = read_records(text)?;
    let Some(((_, header), rows)) = records.split_first() else {
        return Err(UnitListError::Empty);
    };
    if rows.is_empty() {
        return Err(UnitListError::Empty);
    }
    let column = |i: usize| {
        header.iter().position(|h| {
            let h = h.trim().to_lowercase();
            UNIT_COLUMNS[i].1.contains(&h.as_str())
        })
    };
    let (building, room) = (
        column(0).ok_or(UnitListError::MissingColumn(UNIT_COLUMNS[0].0))?,
        column(2).ok_or(UnitListError::MissingColumn(UNIT_COLUMNS[2].0))?,
    );
    let (entrance, owner, phone) = (column(1), column(3), column(4));
    rows.iter()
        .map(|(line, r)| {
            let get = |i: Option<usize>| i.and_then(|i| r.get(i)).map_or("", |s| s.trim());
            let at = |error: ValidationError| UnitListError::Line { line: *line, error };
            let unit = Unit {
                building: required(Field::Building, get(Some(building)), MAX_SHORT).map_err(at)?,
                entrance: bounded(Field::Entrance, get(entrance), MAX_SHORT).map_err(at)?,
                room: required(Field::Room, get(Some(room)), MAX_SHORT).map_err(at)?,
            };
            let phone = match get(phone) {
                "" => None,
                p => Some(Phone::parse(p).map_err(at)?),
            };
            Ok(crate::domain::visits::Household {
                unit,
                owner: bounded(Field::ComplainantName, get(owner), MAX_SHORT).map_err(at)?,
                phone,
            })
        })
        .collect()
}

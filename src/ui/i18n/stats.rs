//! Texts of the statistics page.

pub struct StatsTexts {
    pub title: &'static str,
    pub period: &'static str,
    pub custom: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub all_time: &'static str,
    pub counted: &'static str,
    pub group: &'static str,
    pub value: &'static str,
    pub chart: &'static str,
    pub exported: &'static str,
}

pub const ZH: StatsTexts = StatsTexts {
    title: "统计",
    period: "统计期间",
    custom: "自定义",
    from: "开始日期",
    to: "结束日期（含）",
    all_time: "全部时间",
    counted: "件投诉计入统计（演练和已删除的不计）",
    group: "分组",
    value: "数值",
    chart: "图示",
    exported: "已导出统计 CSV，内容与本页一致。",
};

pub const EN: StatsTexts = StatsTexts {
    title: "Statistics",
    period: "Period",
    custom: "From–to",
    from: "From",
    to: "To (included)",
    all_time: "All time",
    counted: "complaints counted (drills and deleted ones are left out)",
    group: "Group",
    value: "Value",
    chart: "Chart",
    exported: "Statistics CSV exported, with the figures on this page.",
};

//! Demo data: a roster and about fifty property-management complaints, and a generator of many
//! complaints for performance runs.
//!
//! Everything is made through the domain's own entry points: [`apply_roster`] for the people,
//! [`apply`] for every complaint command, each event stamped by one [`DeviceClock`]. Nothing is
//! read from a clock or a random generator: the same `now`, device and code give the same
//! events. The roster's events come first, then every complaint event in time order, as the
//! device would have recorded them.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta, TimeZone};

use super::actor::{Actor, Role};
use super::complaint::{
    Assignment, Channel, Complainant, Complaint, ComplaintDetails, Evidence, EvidenceKind,
    FollowUp, Minutes, OutcomeClass, Reply, Satisfaction, Severity, Summary, Task, Unit, Validity,
};
use super::event::{DeviceClock, Event};
use super::fold::fold_complaint;
use super::ids::{ComplaintId, DeviceId, PersonId};
use super::number::{ComplaintNumber, DeviceCode};
use super::roster::{RosterCommand, apply_roster};
use super::settings::Settings;
use super::triage::Criterion;
use super::validate::Phone;
use super::workflow::{Command, CommandKind, WorkflowState, apply};

/// About fifty realistic complaints over the six weeks before `now`, in every state and level,
/// with the roster that handled them, as recorded by `device` (complaint numbers carry `code`).
pub fn demo_events(now: DateTime<FixedOffset>, device: DeviceId, code: DeviceCode) -> Vec<Event> {
    generate(now, device, code, demo_cases())
}

/// `n` complaints (about fifteen events each) spread over states, levels, categories and
/// buildings, with the same roster, for performance runs.
pub fn load_test_events(
    n: usize,
    now: DateTime<FixedOffset>,
    device: DeviceId,
    code: DeviceCode,
) -> Vec<Event> {
    generate(now, device, code, (0..n).map(load_case).collect())
}

// ---------------------------------------------------------------------------------------------
// The people.

/// The roster: name, role, department.
const ROSTER: [(&str, Role, &str); 9] = [
    ("刘建国", Role::Leader, "管理部"),
    ("陈静", Role::Deputy, "客服部"),
    ("赵海涛", Role::DutyLead, "客服部"),
    ("李娜", Role::Staff, "客服部"),
    ("孙悦", Role::Staff, "客服部"),
    ("周婷", Role::Staff, "客服部"),
    ("马强", Role::DepartmentHead, "工程部"),
    ("郑国栋", Role::DepartmentHead, "保安部"),
    ("何秀兰", Role::DepartmentHead, "保洁部"),
];

/// The roster as actors, by what they do in the plan.
struct People {
    leader: Actor,
    deputy: Actor,
    duty_lead: Actor,
    staff: Vec<Actor>,
    heads: Vec<(&'static str, Actor)>,
}

impl People {
    /// Who signs for a department's forms and reports back: its head, or the customer-service
    /// manager (the deputy) for departments without one on the roster.
    fn head(&self, department: &str) -> &Actor {
        self.heads
            .iter()
            .find(|(d, _)| *d == department)
            .map_or(&self.deputy, |(_, a)| a)
    }
}

// ---------------------------------------------------------------------------------------------
// What complaints are about: texts per subject.

/// One complaint's own text: what happened, what the complainant asks, where.
struct Text {
    description: &'static str,
    request: &'static str,
    location: &'static str,
}

/// A subject of complaints and how such complaints are handled. `{b}`, `{u}` and `{r}` in the
/// texts stand for the building, entrance and room.
struct Topic {
    title: &'static str,
    category: &'static str,
    department: &'static str,
    complained_person: Option<&'static str>,
    cases: &'static [Text],
    finding: &'static str,
    plan: &'static str,
    compensation_fen: Option<u64>,
    task: &'static str,
    done: &'static str,
    reply: &'static str,
    reasons: &'static str,
    basis: &'static str,
    cause: &'static str,
    prevent: &'static str,
}

const fn text(description: &'static str, request: &'static str, location: &'static str) -> Text {
    Text {
        description,
        request,
        location,
    }
}

static ELEVATOR: Topic = Topic {
    title: "电梯故障",
    category: "facilities",
    department: "工程部",
    complained_person: None,
    cases: &[
        text(
            "{b}{u}电梯一周内第三次停运，业主家中有行动不便的老人，只能由家人背着上下楼。报修后维保单位称要等配件，至今没有修复时间。",
            "尽快修复电梯，说明故障原因和修复期限，公布近三个月的维保记录。",
            "{b}{u}电梯",
        ),
        text(
            "业主乘坐{b}{u}电梯下楼时，电梯突然停在两层之间，被困约25分钟，按紧急呼叫按钮无人应答，最后自行拨打119求助。业主受到惊吓，情绪激动。",
            "追究紧急呼叫无人应答的责任并书面道歉，对电梯全面检修，赔偿误工和就医费用。",
            "{b}{u}电梯",
        ),
        text(
            "{b}{u}电梯楼层按键和开门键时灵时不灵，早高峰等候超过10分钟，已两次通过前台报修仍未修好。",
            "尽快更换按键面板，维修期间高峰时段安排人员值守。",
            "{b}{u}电梯",
        ),
        text(
            "{b}{u}电梯运行时异响、抖动明显，业主担心安全。维保人员检查后说一切正常，但问题依旧。",
            "请有资质的检测机构检测电梯并公布结果，确认安全前暂停使用。",
            "{b}{u}电梯",
        ),
        text(
            "{b}{u}电梯轿厢照明和通风扇坏了一个多星期，轿厢内又暗又闷，业主在报修登记本上登记了两次无人理会。",
            "尽快修复照明和通风，报修登记要有人跟进。",
            "{b}{u}电梯",
        ),
        text(
            "{b}{u}两部电梯只有一部运行，另一部停用检修已半个月，早晚高峰排队严重，也没有张贴检修期限。",
            "尽快恢复两部电梯运行，公示检修进度和期限。",
            "{b}{u}电梯",
        ),
        text(
            "业主家中老人乘坐{b}{u}电梯时，电梯突然下坠一段后急停，老人摔倒扭伤脚踝，已送医院检查。",
            "查明电梯下坠原因，承担医疗费用，检测合格前停止使用该电梯。",
            "{b}{u}电梯",
        ),
    ],
    finding: "现场勘查：电梯控制柜报故障代码，轿厢按键面板多处接触不良，紧急呼叫装置线路松脱；维保记录显示上月保养有漏项。",
    plan: "由工程部督促电梯维保单位更换控制主板和按键面板，修复紧急呼叫装置，全面检测后出具报告；维修期间早晚高峰安排工程人员值守；客服部向业主书面致歉。",
    compensation_fen: Some(50_000),
    task: "督促维保单位更换主板和按键面板，修复紧急呼叫装置，出具检测报告",
    done: "维保单位已更换控制主板和按键面板，紧急呼叫装置测试正常，电梯经全面检测运行正常，检测报告已存档。",
    reply: "电梯已修复并通过全面检测，紧急呼叫装置恢复正常，近三个月维保记录已在单元大堂公示。",
    reasons: "故障原因为控制主板老化、按键面板接触不良，紧急呼叫装置线路松脱；维保单位上月保养漏项，物业监督不到位。",
    basis: "《物业服务合同》共用设施设备维修养护条款；《特种设备安全法》；《电梯维护保养规则》。",
    cause: "电梯维保单位保养漏项，关键配件储备不足；物业对维保质量监督不到位，报修跟踪不及时。",
    prevent: "每月核查电梯维保记录并抽检；常用配件保持库存；报修超过24小时未修复的自动升级至工程部经理。",
};

static LEAK: Topic = Topic {
    title: "漏水",
    category: "facilities",
    department: "工程部",
    complained_person: None,
    cases: &[
        text(
            "楼上住户卫生间防水层破损，业主家卫生间吊顶持续滴水，墙面发霉脱皮。已报修两次，工程部上门看过后一直没有处理。",
            "协调楼上住户维修防水，修复吊顶和墙面，承担维修费用。",
            "{b}{u}{r}卫生间",
        ),
        text(
            "连续降雨后顶楼屋面渗水，卧室天花板出现大面积水渍，木地板受潮起拱，衣柜内衣物发霉。",
            "立即修复屋面防水，赔偿地板、衣柜和衣物损失。",
            "{b}{u}{r}卧室",
        ),
        text(
            "地下车库顶板漏水，正好滴落在业主车位上，车辆前机盖漆面被腐蚀出斑点。",
            "修复车库顶板渗漏，赔偿车辆漆面修复费用。",
            "地下车库{b}下方车位",
        ),
        text(
            "单元污水主管堵塞，一楼卫生间地漏返水，污水漫进卧室，家中暂时无法居住。",
            "立即疏通污水管并清理消毒，安排临时住处，赔偿家具和地板损失。",
            "{b}{u}{r}",
        ),
        text(
            "上次维修后家中再次渗水，这次在厨房墙角，墙面起皮发霉，怀疑是楼上给水管渗漏。",
            "彻底查明渗漏原因，一次修好，不要反复维修。",
            "{b}{u}{r}厨房",
        ),
    ],
    finding: "现场勘查：经闭水试验确认渗漏来源为防水层开裂；业主室内受损面积约2.5平方米，已拍照测量存档。",
    plan: "工程部查明渗漏点后立即维修，完成闭水试验；对业主室内受损部位按评估结果修复或赔偿；维修期间每日向业主通报进度。",
    compensation_fen: Some(380_000),
    task: "查明渗漏点，完成防水维修和闭水试验，修复业主室内受损部位",
    done: "渗漏点已完成防水修复，闭水试验48小时无渗漏，受损吊顶和墙面已重新修补。",
    reply: "渗漏已修复并经闭水试验确认，室内受损部位已修复，赔偿金额已与业主确认并签字。",
    reasons: "渗漏原因为防水层老化开裂；前期报修后未及时安排维修，导致损失扩大。",
    basis: "《物业服务合同》共用部位维修条款；《住宅专项维修资金管理办法》；《民法典》物业服务合同章。",
    cause: "防水层超过保修期老化，前期报修工单未闭环跟踪。",
    prevent: "雨季前对屋面、外墙和车库顶板做专项检查；报修工单48小时未完成自动提醒工程部经理。",
};

static FEES: Topic = Topic {
    title: "物业收费",
    category: "fees",
    department: "客服部",
    complained_person: None,
    cases: &[
        text(
            "业主对今年物业费账单有异议，认为公摊水电费逐月上涨但从未公示明细，多次询问前台答复不清。",
            "公示近一年公摊水电费明细，核实后多收部分予以退还。",
            "客服中心",
        ),
        text(
            "业主已通过线上缴纳全年物业费，系统仍显示欠费，连续收到催缴短信，并在单元公告栏被公示为欠费户。",
            "更正缴费记录，撤下欠费公示，书面致歉。",
            "{b}{u}公告栏",
        ),
        text(
            "物业发布通知将地面车位管理费由每月150元上调至220元，业主认为未经业主大会讨论，程序不合法，二十多户业主联名到客服中心反映。",
            "暂停执行新收费标准，召开业主大会讨论并公开成本测算。",
            "客服中心",
        ),
    ],
    finding: "核查情况：财务系统与银行对账存在延迟，部分缴费记录未同步；公摊费用近两个季度未按规定公示。",
    plan: "财务核对账目并出具明细，客服中心公示并向业主说明；确有差错的予以更正退还；调价事项暂缓执行，提交业主大会讨论。",
    compensation_fen: None,
    task: "财务核对账目，出具收费明细并在公告栏公示，差错部分更正退还",
    done: "账目已核对完毕，收费明细已在各单元公告栏公示，差错记录已更正，欠费公示已撤下。",
    reply: "收费明细已公示，核实的差错已更正，多收部分将在下期账单中抵扣；调价事项暂缓执行，将提交业主大会讨论。",
    reasons: "缴费系统与银行对账延迟导致记录未同步；公摊费用未按规定按季度公示；调价前未充分征求业主意见。",
    basis: "《物业服务收费管理办法》；《物业服务收费明码标价规定》；《物业服务合同》收费条款。",
    cause: "财务对账不及时，收费公示制度执行不到位，调价程序不规范。",
    prevent: "每日与银行对账；公摊费用按季度公示；调整收费前征求业主意见并报业委会。",
};

static GUARD: Topic = Topic {
    title: "保安服务态度",
    category: "service_attitude",
    department: "保安部",
    complained_person: Some("门岗值班保安"),
    cases: &[
        text(
            "业主晚上回小区忘带门禁卡，东门值班保安态度生硬，拒绝登记放行，双方发生争执，保安言语不文明。",
            "当事保安当面道歉，加强保安服务礼仪培训。",
            "小区东门门岗",
        ),
        text(
            "业主的快递员和来访亲友进小区时被门岗保安大声呵斥，业主认为保安对访客态度恶劣，有损小区形象。",
            "保安部说明情况并整改，规范访客登记流程。",
            "小区北门门岗",
        ),
        text(
            "业主在小区内被外卖电动车撞倒，向巡逻保安求助时保安称不归他管，态度冷漠，没有协助处理。",
            "当事保安道歉，保安部协助查找肇事者，规范巡逻岗位职责。",
            "小区中心路",
        ),
    ],
    finding: "调取门岗监控：当事保安确有语气生硬、未按流程登记放行的情况，录音中有不文明用语。",
    plan: "保安部调取监控核实经过，当事保安向业主当面道歉并停岗培训；保安部全员开展服务礼仪和访客登记流程培训并考核。",
    compensation_fen: None,
    task: "当事保安当面道歉，组织保安全员服务礼仪和访客登记流程培训",
    done: "当事保安已向业主当面道歉，保安部已完成全员培训和考核。",
    reply: "经调取监控核实，保安确有言语不当，已当面道歉并停岗培训，保安部全员已完成服务礼仪培训。",
    reasons: "当事保安服务意识不足，未按访客登记流程处理；夜班缺少督导。",
    basis: "《保安服务管理条例》；公司《保安员服务规范》；《物业服务合同》秩序维护条款。",
    cause: "新入职保安岗前培训不足，夜间班次缺乏督导检查。",
    prevent: "新员工上岗前完成服务礼仪考核；夜班增加主管巡岗；每月抽查门岗录音录像。",
};

static NOISE: Topic = Topic {
    title: "噪音扰民",
    category: "security_order",
    department: "保安部",
    complained_person: None,
    cases: &[
        text(
            "楼下临街商铺连续一周夜间装修施工至凌晨一点，电钻和切割声严重影响休息，多户业主已联合反映。",
            "立即停止夜间施工，对违规商户进行处理。",
            "{b}临街商铺",
        ),
        text(
            "邻居周末早上7点就开始电钻作业，违反小区装修管理规定的施工时间，上门沟通无果。",
            "督促邻居按规定时间施工，加强装修巡查。",
            "{b}{u}",
        ),
        text(
            "楼上住户每晚十一点后拖动家具、跳绳，噪音持续不断，业主多次上门沟通并向物业反映都没有改善。",
            "物业上门协调，督促楼上住户注意夜间噪音。",
            "{b}{u}",
        ),
    ],
    finding: "夜间巡查记录：23:00后仍有施工噪音，现场测得噪声约65分贝，施工方未办理夜间施工许可。",
    plan: "保安部加强夜间巡查，责令施工方立即停止违规施工；与施工方签订施工时间承诺书，再次违规即暂停其装修许可。",
    compensation_fen: None,
    task: "加强装修巡查，督促施工方签署施工时间承诺书",
    done: "施工方已签署施工时间承诺书，连续一周夜间巡查未再发现超时施工。",
    reply: "已责令施工方停止违规施工并签署承诺书，后续将持续巡查，发现违规即暂停其装修许可。",
    reasons: "装修巡查不到位，未及时制止违规施工。",
    basis: "《噪声污染防治法》；《小区装修管理规定》；《管理规约》。",
    cause: "装修巡查频次不足，对临街商铺装修缺乏约束措施。",
    prevent: "装修许可附施工时间承诺；夜间巡查增加一次；违规两次即暂停装修许可。",
};

static WATERWORKS: Topic = Topic {
    title: "二次供水",
    category: "environment_pollution",
    department: "工程部",
    complained_person: None,
    cases: &[
        text(
            "地下二次供水泵房设备噪音和震动传到一楼住户卧室，夜间尤其明显，业主已连续多日失眠。",
            "对水泵加装减震降噪设施，出具噪音检测报告。",
            "{b}地下水泵房",
        ),
        text(
            "近一周自来水发黄有异味，烧开后有沉淀，怀疑二次供水水箱未按期清洗，多户业主反映。",
            "立即清洗消毒水箱，委托有资质的机构检测水质并公示结果。",
            "{b}二次供水水箱",
        ),
    ],
    finding: "现场检查：水泵减震垫老化；水箱清洗记录显示上次清洗距今已超过8个月，超出半年一次的要求。",
    plan: "工程部立即清洗消毒水箱、更换水泵减震垫并加装隔音设施；委托有资质的检测机构检测水质和噪声，结果在公告栏公示；检测合格前为受影响住户免费提供桶装水。",
    compensation_fen: None,
    task: "清洗消毒水箱，更换水泵减震垫，委托检测机构检测水质和噪声",
    done: "水箱已清洗消毒，减震垫和隔音设施已安装，第三方检测水质和噪声均合格，报告已公示。",
    reply: "水箱已清洗消毒并经第三方检测合格，泵房已完成减震降噪改造，检测报告已在公告栏公示。",
    reasons: "水箱清洗超期，水泵减震设施老化未及时更换。",
    basis: "《二次供水设施卫生规范》；《生活饮用水卫生标准》；《物业服务合同》设施设备维护条款。",
    cause: "二次供水设施维护计划执行不到位，清洗周期无人跟踪。",
    prevent: "水箱每半年清洗一次并公示记录；泵房设备每季度检查减震和噪声。",
};

static WATER: Topic = Topic {
    title: "停水和水压",
    category: "facilities",
    department: "工程部",
    complained_person: None,
    cases: &[
        text(
            "小区未提前通知突然停水近8小时，家中老人孩子生活不便，打电话问客服也说不清何时恢复。",
            "说明停水原因，今后计划停水至少提前24小时通知。",
            "{b}{u}",
        ),
        text(
            "用水高峰时段高层住户水压不足，热水器无法启动，已持续半个多月。",
            "检修加压设备，保证高层用水水压。",
            "{b}{u}{r}",
        ),
        text(
            "{b}{u}突然停水，没有看到任何停水通知，打客服电话一直占线，家里老人等着做饭吃药。",
            "尽快恢复供水，告知停水原因和恢复时间。",
            "{b}{u}",
        ),
    ],
    finding: "核查情况：停水系主管道阀门更换，工程部未按规定提前通知客服中心；加压泵一台故障停机。",
    plan: "工程部说明停水原因并修复加压设备；完善计划停水通知流程，提前24小时在公告栏和业主群通知。",
    compensation_fen: None,
    task: "修复加压设备，完善计划停水通知流程",
    done: "加压泵已修复，高峰时段水压测试正常；计划停水通知流程已修订并培训。",
    reply: "停水系阀门更换，未提前通知是我们的过失，已向您致歉；加压设备已修复，今后计划停水将提前24小时通知。",
    reasons: "工程部未将计划停水告知客服中心，加压泵故障未及时发现。",
    basis: "《物业服务合同》公共设施维护和告知条款；《城市供水条例》。",
    cause: "部门间信息传递不畅，计划停水通知流程缺失。",
    prevent: "计划停水须提前24小时报客服中心并公告；加压设备纳入每日巡检。",
};

static PARKING: Topic = Topic {
    title: "停车管理",
    category: "security_order",
    department: "保安部",
    complained_person: None,
    cases: &[
        text(
            "业主购买的固定车位连续多日被外来车辆占用，通知保安后半小时无人处理，只能把车停在路边并被贴了罚单。",
            "清理占位车辆，加强车库出入管理，报销罚单费用。",
            "地下车库",
        ),
        text(
            "小区主干道两侧和单元门口乱停车严重，早上车辆无法出库，上周救护车一度无法进入小区。",
            "规范停车秩序，设置禁停标识并安排保安疏导。",
            "小区主干道",
        ),
        text(
            "业主车辆停在地下车库时被刮蹭，要求调取监控，物业以监控损坏为由推诿。",
            "提供监控录像或说明监控损坏原因，协助查找肇事车辆并承担相应责任。",
            "地下车库",
        ),
    ],
    finding: "核查情况：车库入口道闸对外来车辆未做登记，部分监控摄像头故障已超过一个月未修。",
    plan: "保安部清理占位车辆并加强车库出入登记；工程部限期修复故障监控；对业主车辆损失按协商结果予以补偿。",
    compensation_fen: Some(120_000),
    task: "清理占位车辆、加强出入登记，限期修复故障监控",
    done: "占位车辆已清理，外来车辆一律登记，故障监控已全部修复。",
    reply: "占位车辆已清理并加强出入登记，故障监控已修复，补偿金额已与您协商确认。",
    reasons: "车库出入管理不严，监控设备故障未及时修复。",
    basis: "《物业服务合同》秩序维护和车辆管理条款；《小区停车管理规定》。",
    cause: "道闸登记制度执行不严，监控设备巡检缺失。",
    prevent: "外来车辆一律登记；监控设备每周巡检；车位被占30分钟内必须处理完毕。",
};

static GREENERY: Topic = Topic {
    title: "绿化养护",
    category: "other",
    department: "保洁部",
    complained_person: None,
    cases: &[
        text(
            "楼前香樟树多年未修剪，遮挡低层住户采光，树枝已伸进阳台，夏天虫子多。",
            "尽快修剪树木，制定定期养护计划。",
            "{b}楼前绿化带",
        ),
        text(
            "小区绿化喷洒农药前未张贴通知，业主孩子在草坪玩耍后全身起红疹，已到医院就诊。",
            "承担医疗费用，今后喷药提前公告并设置警示牌。",
            "中心花园草坪",
        ),
        text(
            "中心花园草坪大面积枯黄，喷灌设施损坏几个月无人修理。",
            "修复喷灌设施并补种草坪。",
            "中心花园",
        ),
    ],
    finding: "核查情况：绿化养护记录显示该区域本年度未修剪；喷药作业未按规定提前公告和设置警示。",
    plan: "保洁部安排绿化班组修剪树木、修复喷灌；喷药作业一律提前48小时公告并设置警示牌；业主医疗费用据实承担。",
    compensation_fen: Some(86_000),
    task: "修剪树木、修复喷灌，完善喷药公告和警示制度",
    done: "树木已修剪，喷灌已修复，喷药公告和警示制度已修订并培训。",
    reply: "树木修剪和喷灌修复已完成，喷药作业今后一律提前48小时公告；医疗费用已按票据报销。",
    reasons: "绿化养护计划执行不到位，喷药作业未按规定公告。",
    basis: "《物业服务合同》绿化养护条款；《城市绿化条例》。",
    cause: "绿化外包班组管理松散，作业前告知流程缺失。",
    prevent: "绿化养护按月计划执行并公示；喷药前48小时公告，作业区域设警示。",
};

static GARBAGE: Topic = Topic {
    title: "垃圾清运",
    category: "cleaning",
    department: "保洁部",
    complained_person: None,
    cases: &[
        text(
            "单元门口垃圾桶满溢两天无人清运，天气炎热异味严重，招来苍蝇蚊子。",
            "每日按时清运垃圾，对垃圾桶清洗消毒。",
            "{b}{u}单元门口",
        ),
        text(
            "装修垃圾在单元门口堆放超过一周，占用通道，老人和推婴儿车的业主出行不便。",
            "立即清运装修垃圾，规范装修垃圾堆放点。",
            "{b}{u}单元门口",
        ),
        text(
            "垃圾分类投放点的厨余垃圾桶破损漏液，地面污水横流、臭味很大，保洁员说没有新桶可换。",
            "更换破损垃圾桶，清洗消毒投放点。",
            "{b}垃圾分类投放点",
        ),
    ],
    finding: "核查情况：清运车辆故障两天，保洁部未安排替代车辆；装修垃圾堆放点无人管理。",
    plan: "保洁部立即清运积存垃圾并清洗消毒；清运车辆故障时租用替代车辆；设置装修垃圾集中堆放点，每周清运两次。",
    compensation_fen: None,
    task: "清运积存垃圾并清洗消毒垃圾桶，设置装修垃圾集中堆放点",
    done: "积存垃圾已清运，垃圾桶已清洗消毒，装修垃圾集中堆放点已设置。",
    reply: "积存垃圾已全部清运并消毒，装修垃圾已设集中堆放点，每周清运两次。",
    reasons: "清运车辆故障后未及时安排替代车辆。",
    basis: "《物业服务合同》环境卫生条款；《生活垃圾管理条例》。",
    cause: "清运应急措施缺失，装修垃圾管理无专人负责。",
    prevent: "清运车辆故障时两小时内安排替代车辆；装修垃圾堆放点指定专人管理。",
};

static FIRE_LANE: Topic = Topic {
    title: "消防通道堵塞",
    category: "safety_hazard",
    department: "保安部",
    complained_person: None,
    cases: &[
        text(
            "单元楼道和消防通道长期堆放纸箱杂物和电动车，安全出口被堵，多次反映无人清理。",
            "立即清理楼道杂物，禁止电动车进楼。",
            "{b}{u}楼道",
        ),
        text(
            "地下车库消防通道被多辆私家车长期占用，业主担心发生火灾时消防车和人员无法通行。",
            "清理占道车辆，设置隔离桩和警示标识。",
            "地下车库消防通道",
        ),
        text(
            "小区东侧消防车道被新装的快递柜和临时充电棚占用，消防车无法通行。",
            "拆除占用消防车道的设施，恢复消防车道畅通。",
            "小区东侧消防车道",
        ),
    ],
    finding: "现场检查：楼道堆放杂物约3立方米、停放电动车4辆；车库消防通道被6辆车占用，常闭式防火门被杂物卡住。",
    plan: "保安部联合客服部开展消防通道专项整治：清理堆放物品，对占道车辆张贴告知书并联系车主挪车；设置隔离桩和禁停标识，每日巡查并记录。",
    compensation_fen: None,
    task: "清理楼道杂物和占道车辆，设置隔离桩和禁停标识，每日巡查",
    done: "楼道杂物和占道车辆已全部清理，隔离桩和禁停标识已设置，每日巡查记录已建立。",
    reply: "消防通道已清理畅通，已设置隔离桩和警示标识，保安每日巡查，发现占用立即处理。",
    reasons: "日常消防巡查流于形式，对占用消防通道的行为未及时制止。",
    basis: "《消防法》第二十八条；《物业服务合同》消防安全管理条款；《管理规约》。",
    cause: "消防巡查制度执行不到位，对住户堆物和占道行为劝导不力。",
    prevent: "消防通道每日巡查两次并拍照存档；对屡次占用者书面告知并报消防部门。",
};

static EBIKE: Topic = Topic {
    title: "电动车飞线充电",
    category: "safety_hazard",
    department: "保安部",
    complained_person: None,
    cases: &[text(
        "有住户从高层窗户拉电线到楼下给电动车充电，电线横穿人行道，夜间存在触电和火灾隐患。",
        "立即拆除飞线，增设电动车集中充电桩。",
        "{b}楼下人行道",
    )],
    finding: "现场检查：发现两处从窗户垂下的充电线，其中一处绝缘层破损，已临时断电。",
    plan: "保安部联合工程部立即拆除飞线，上门告知住户安全风险并签署承诺书；工程部在各楼栋附近增设电动车集中充电桩。",
    compensation_fen: None,
    task: "拆除飞线并上门告知住户，增设集中充电桩",
    done: "飞线已全部拆除，住户已签署安全承诺书，新增集中充电桩20个已投入使用。",
    reply: "飞线已拆除，住户已签署承诺书，小区已新增20个集中充电桩。",
    reasons: "小区充电设施不足，巡查未及时发现飞线充电。",
    basis: "《消防法》；《高层民用建筑消防安全管理规定》；《管理规约》。",
    cause: "充电设施规划不足，安全巡查未覆盖夜间时段。",
    prevent: "夜间巡查增加飞线检查；每季度评估充电桩数量。",
};

static ACCESS: Topic = Topic {
    title: "门禁与治安",
    category: "security_order",
    department: "保安部",
    complained_person: None,
    cases: &[
        text(
            "业主停在楼下的电动车被盗，单元门禁长期损坏无人维修，调取监控才发现摄像头早已损坏，业主认为物业安保失职。",
            "赔偿电动车损失，修复门禁和监控。",
            "{b}{u}单元门口",
        ),
        text(
            "单元门禁系统故障一周，陌生人可随意进出，晚上常有人在楼道发小广告。",
            "尽快修复门禁，加强楼栋巡查。",
            "{b}{u}单元门",
        ),
    ],
    finding: "现场检查：单元门禁电磁锁损坏，门口摄像头已离线一个多月，巡查记录未报告该故障。",
    plan: "工程部限期修复门禁和监控；保安部加强楼栋夜间巡查；协助业主向公安机关报案，业主损失按合同约定协商补偿。",
    compensation_fen: Some(150_000),
    task: "修复单元门禁和监控，加强楼栋夜间巡查",
    done: "门禁电磁锁已更换，摄像头已恢复在线，楼栋夜间巡查已增加至每晚两次。",
    reply: "门禁和监控已修复，夜间巡查已加强；已协助您向派出所报案，补偿金额已协商确认。",
    reasons: "门禁和监控故障未在巡查中发现和上报，安防设施维护不到位。",
    basis: "《物业服务合同》安全防范条款；《保安服务管理条例》。",
    cause: "安防设施巡检缺失，故障报修渠道不畅。",
    prevent: "安防设施每日巡检；监控离线自动报警。",
};

static CLEANING: Topic = Topic {
    title: "公共区域保洁",
    category: "cleaning",
    department: "保洁部",
    complained_person: None,
    cases: &[
        text(
            "楼道保洁不及时，楼梯扶手积灰，电梯轿厢有异味，保洁记录表上却每天都签了字。",
            "按标准保洁，如实填写保洁记录。",
            "{b}{u}楼道及电梯",
        ),
        text(
            "雨天单元大堂地面湿滑，未铺防滑垫也未放警示牌，业主家老人差点滑倒。",
            "雨天及时铺设防滑垫、放置警示牌。",
            "{b}{u}单元大堂",
        ),
    ],
    finding: "现场检查：楼道扶手积灰明显，电梯轿厢未按规定每日消毒；保洁记录存在补签现象。",
    plan: "保洁部对责任区域全面清洁，保洁记录改为拍照打卡；雨天铺设防滑垫和警示牌纳入作业标准。",
    compensation_fen: None,
    task: "全面清洁责任区域，保洁记录改为拍照打卡",
    done: "责任区域已全面清洁，保洁拍照打卡已实行，防滑垫和警示牌已配备到各单元。",
    reply: "楼道和电梯已全面清洁，保洁记录改为拍照打卡，雨天防滑措施已落实到各单元。",
    reasons: "保洁员未按标准作业并补签记录，主管检查不到位。",
    basis: "《物业服务合同》环境卫生条款；公司《保洁作业标准》。",
    cause: "保洁质量检查流于形式。",
    prevent: "主管每日抽查并拍照；保洁记录与打卡挂钩。",
};

static PETS: Topic = Topic {
    title: "文明养犬",
    category: "other",
    department: "保安部",
    complained_person: None,
    cases: &[text(
        "小区内有人遛狗不牵绳，业主孩子在中心花园被大型犬追扑，受到惊吓。",
        "加强文明养犬管理，劝导不牵绳行为。",
        "中心花园",
    )],
    finding: "调取监控确认涉事犬只及其主人，遛狗时未牵绳，事发时附近无保安巡逻。",
    plan: "保安部上门告知犬主文明养犬规定并签署承诺书；在中心花园设置文明养犬提示牌，巡逻时劝导不牵绳行为。",
    compensation_fen: None,
    task: "上门约谈犬主，设置文明养犬提示牌，加强巡逻劝导",
    done: "已上门约谈犬主并签署承诺书，提示牌已设置，巡逻劝导已落实。",
    reply: "已约谈犬主并签署文明养犬承诺书，中心花园已设置提示牌，保安巡逻时将加强劝导。",
    reasons: "文明养犬宣传和巡逻劝导不足。",
    basis: "《动物防疫法》；本市养犬管理规定；《管理规约》。",
    cause: "文明养犬管理缺少常态化措施。",
    prevent: "每月开展文明养犬宣传；巡逻路线覆盖中心花园。",
};

static TILES: Topic = Topic {
    title: "外墙瓷砖脱落",
    category: "safety_hazard",
    department: "工程部",
    complained_person: None,
    cases: &[text(
        "{b}外墙瓷砖脱落，砸在楼下自行车棚顶棚上，幸好当时无人经过，业主担心高空坠物伤人。",
        "立即排查外墙瓷砖，设置围挡警示，尽快维修。",
        "{b}外墙",
    )],
    finding: "现场检查：脱落瓷砖约0.3平方米，周边另有少量空鼓；已在楼下设置围挡和警示标识。",
    plan: "工程部委托专业单位对外墙空鼓瓷砖进行排查和修复；维修期间楼下设置围挡和警示。",
    compensation_fen: None,
    task: "排查外墙空鼓瓷砖并修复，维修期间设置围挡",
    done: "外墙空鼓瓷砖已排查修复，围挡已拆除。",
    reply: "外墙瓷砖已排查并修复，经检查无其他空鼓脱落风险。",
    reasons: "外墙瓷砖老化空鼓，日常巡查未及时发现。",
    basis: "《物业服务合同》共用部位维修条款；《民法典》第一千二百五十三条。",
    cause: "外墙巡查缺少专项检查。",
    prevent: "每年雨季前对外墙进行专项检查。",
};

static GAS: Topic = Topic {
    title: "燃气异味",
    category: "safety_hazard",
    department: "工程部",
    complained_person: None,
    cases: &[text(
        "单元楼道闻到明显燃气味，业主担心燃气管道泄漏，打电话给物业半小时后才有人来。",
        "立即排查燃气管道，联系燃气公司检修，说明响应慢的原因。",
        "{b}{u}楼道",
    )],
    finding: "现场检查：三楼燃气立管接口处检测到轻微泄漏，已关闭单元总阀并通知燃气公司抢修。",
    plan: "工程部配合燃气公司更换泄漏接口并全面检测单元燃气管道；客服部逐户通知并协助恢复供气；核查接报响应慢的原因。",
    compensation_fen: None,
    task: "配合燃气公司更换泄漏接口，全面检测单元燃气管道",
    done: "泄漏接口已更换，单元燃气管道检测合格，已恢复供气。",
    reply: "燃气泄漏点已由燃气公司修复并检测合格，响应慢是夜间值班人员不足所致，已调整排班。",
    reasons: "燃气立管接口老化；夜间值班人员不足导致响应迟缓。",
    basis: "《城镇燃气管理条例》；《物业服务合同》安全管理条款。",
    cause: "燃气管道老化，夜间应急响应力量不足。",
    prevent: "与燃气公司建立联动机制；夜间保证两人值班，燃气报警15分钟内到场。",
};

static SERVICE: Topic = Topic {
    title: "客服服务",
    category: "service_attitude",
    department: "客服部",
    complained_person: Some("前台当班客服"),
    cases: &[text(
        "业主多次拨打客服电话无人接听，到前台反映问题时工作人员态度冷淡，相互推诿。",
        "客服中心负责人致歉，明确专人跟进。",
        "客服中心前台",
    )],
    finding: "核查情况：客服热线午间时段无人值守，前台当班人员未执行首问负责制。",
    plan: "客服中心负责人向业主致歉并指定专人跟进；热线实行午间轮班；前台全员重新学习首问负责制。",
    compensation_fen: None,
    task: "热线午间轮班，前台全员学习首问负责制",
    done: "热线午间轮班已实行，前台全员已完成首问负责制培训。",
    reply: "客服中心负责人已向您致歉，专人跟进您的问题，热线午间已安排轮班。",
    reasons: "热线排班存在空档，前台人员未执行首问负责制。",
    basis: "公司《客户服务规范》首问负责制；《物业服务合同》服务标准。",
    cause: "排班不合理，服务规范执行不到位。",
    prevent: "热线全天候排班；每月抽查服务态度。",
};

static MUNICIPAL: Topic = Topic {
    title: "市政设施",
    category: "other",
    department: "管理部",
    complained_person: None,
    cases: &[text(
        "业主反映小区南门外市政道路路灯连续多晚不亮，夜间行人不便。",
        "尽快修复路灯。",
        "小区南门外市政道路",
    )],
    finding: "现场核实：该路段路灯属市政设施。",
    plan: "协助业主向城管部门反映。",
    compensation_fen: None,
    task: "协助转报城管部门",
    done: "已协助转报。",
    reply: "该路灯属市政设施，已协助您向城管部门反映。",
    reasons: "不在物业管理区域内。",
    basis: "《物业服务合同》物业管理区域约定。",
    cause: "非物业管理范围。",
    prevent: "向业主宣传市政设施报修渠道。",
};

/// The subjects the load test draws from (every one that goes through the workflow).
const LOAD_TOPICS: [&Topic; 17] = [
    &ELEVATOR,
    &LEAK,
    &FEES,
    &GUARD,
    &NOISE,
    &WATERWORKS,
    &WATER,
    &PARKING,
    &GREENERY,
    &GARBAGE,
    &FIRE_LANE,
    &EBIKE,
    &ACCESS,
    &CLEANING,
    &PETS,
    &TILES,
    &SERVICE,
];

static DRILL_ELEVATOR: Text = text(
    "【应急演练】模拟业主在电梯内被困25分钟、紧急呼叫无人应答后投诉，检验困人救援和重大投诉应急处理流程。",
    "演练要求：按预案完成启动、调查、方案审批、答复、回访、总结和应急终止。",
    "1栋1单元电梯",
);

static DRILL_FIRE_LANE: Text = text(
    "【应急演练】模拟多名业主投诉地下车库消防通道被占用，检验消防通道专项整治和重大投诉应急处理流程。",
    "演练要求：按预案完成启动、调查、方案审批和整改落实。",
    "地下车库消防通道",
);

const INVALID_REASON: &str =
    "该路段路灯属市政设施，不在物业管理区域内；已告知业主拨打城管热线，并由客服中心协助转报。";

const NOTES: [&str; 5] = [
    "已电话联系业主，说明处理进度，业主表示理解。",
    "业主来电询问进度，已告知预计完成时间。",
    "已上门查看现场并拍照存档。",
    "责任部门反馈正在协调材料，预计明天到场处理。",
    "已在业主群发布处理进展，提醒相关住户注意安全。",
];

// ---------------------------------------------------------------------------------------------
// One complaint's story.

/// When a complaint was received, counted back from `now`.
#[derive(Clone, Copy)]
enum Ago {
    Minutes(i64),
    /// That many days before today, at a local hour and minute.
    Days(i64, u32, u32),
}

/// The route a complaint takes through the plan.
#[derive(Clone, Copy, Default)]
struct Route {
    /// The emergency plan is activated (the full path).
    emergency: bool,
    /// Starts as an important complaint and is escalated to major during investigation.
    escalate: bool,
    /// Assessed major, de-escalated to important by a leader after checking on site.
    deescalate: bool,
    /// The first plan is rejected and redrafted.
    reject: bool,
    /// The first plan finds the facts unclear and goes back to investigating.
    unclear: bool,
    /// The first follow-up is dissatisfied and reopens the case for more work.
    reopen: bool,
    /// Clocks pause while waiting for the complainant.
    pause: bool,
    /// The first handling report is sent back for more detail.
    review_rejected: bool,
    /// Progress notes added while investigating.
    notes: usize,
}

/// Where a complaint's story stops: after the `nth` command of a kind, or at the end.
#[derive(Clone, Copy)]
enum Stop {
    End,
    After(CommandKind, usize),
}

struct Case {
    name: Option<String>,
    phone: Option<String>,
    unit: Option<Unit>,
    address: Option<String>,
    count: u32,
    channel: Channel,
    topic: &'static Topic,
    text: &'static Text,
    ago: Ago,
    /// `None`: not assessed yet.
    severity: Option<Severity>,
    criteria: Vec<Criterion>,
    override_reason: Option<&'static str>,
    invalid: Option<&'static str>,
    route: Route,
    stop: Stop,
    /// The earlier complaint (its place in the list) this one repeats.
    repeat_of: Option<usize>,
    drill: bool,
    /// Which staff member takes it.
    staff: usize,
    /// Small variations in timing and wording.
    jitter: i64,
}

/// `3-2-1201` as 3栋 2单元 1201.
fn unit(code: &str) -> Option<Unit> {
    let mut parts = code.split('-');
    let (b, e, r) = (parts.next()?, parts.next()?, parts.next()?);
    Some(Unit {
        building: format!("{b}栋"),
        entrance: format!("{e}单元"),
        room: r.to_owned(),
    })
}

fn case(
    name: &str,
    phone: &str,
    unit_code: &str,
    channel: Channel,
    topic: &'static Topic,
    variant: usize,
    ago: Ago,
) -> Case {
    Case {
        name: (!name.is_empty()).then(|| name.to_owned()),
        phone: (!phone.is_empty()).then(|| phone.to_owned()),
        unit: unit(unit_code),
        address: None,
        count: 1,
        channel,
        topic,
        text: &topic.cases[variant % topic.cases.len()],
        ago,
        severity: None,
        criteria: Vec::new(),
        override_reason: None,
        invalid: None,
        route: Route::default(),
        stop: Stop::End,
        repeat_of: None,
        drill: false,
        staff: 0,
        jitter: 0,
    }
}

impl Case {
    fn level(mut self, severity: Severity, criteria: &[Criterion]) -> Self {
        self.severity = Some(severity);
        self.criteria = criteria.to_vec();
        self
    }
    fn minor(self, criteria: &[Criterion]) -> Self {
        self.level(Severity::Minor, criteria)
    }
    fn important(self) -> Self {
        self.level(Severity::Important, &[Criterion::ServiceLapse])
    }
    /// A major complaint; the plan is activated.
    fn major(mut self, criteria: &[Criterion]) -> Self {
        self.route.emergency = true;
        self.level(Severity::Major, criteria)
    }
    fn upto(mut self, kind: CommandKind, nth: usize) -> Self {
        self.stop = Stop::After(kind, nth);
        self
    }
    fn route(mut self, change: impl FnOnce(&mut Route)) -> Self {
        change(&mut self.route);
        self
    }
    fn group(mut self, count: u32) -> Self {
        self.count = count;
        self
    }
    fn drill(mut self, text: &'static Text) -> Self {
        self.drill = true;
        self.text = text;
        self
    }
    /// Repeats the complaint at `earlier` in the list (same unit, same matter).
    fn repeats(mut self, earlier: usize) -> Self {
        self.repeat_of = Some(earlier);
        self
    }
    fn overridden(mut self, reason: &'static str) -> Self {
        self.override_reason = Some(reason);
        self
    }
    fn invalid(mut self, reason: &'static str) -> Self {
        self.invalid = Some(reason);
        self
    }
}

/// The demo set: fifty complaints, grouped by the state they end in.
fn demo_cases() -> Vec<Case> {
    use Ago::{Days, Minutes};
    use Channel::*;
    use CommandKind as K;
    use Criterion::*;
    let mut cases = vec![
        // Closed.
        case(
            "张伟",
            "13812345678",
            "3-2-1201",
            Hotline,
            &ELEVATOR,
            2,
            Days(25, 8, 40),
        )
        .minor(&[FacilityLimit]),
        case(
            "王芳",
            "13918763452",
            "7-1-0302",
            WalkIn,
            &LEAK,
            0,
            Days(33, 10, 15),
        )
        .important(),
        case(
            "李秀英",
            "13601238876",
            "12-3-0801",
            Hotline,
            &ELEVATOR,
            1,
            Days(40, 19, 20),
        )
        .major(&[MajorLossOrInjury]),
        case(
            "陈明",
            "15012345671",
            "5-1-1503",
            OnSiteVisit,
            &GARBAGE,
            0,
            Days(20, 9, 30),
        )
        .minor(&[]),
        case(
            "刘洋",
            "18611112222",
            "9-2-0402",
            Online,
            &FEES,
            1,
            Days(18, 14, 5),
        )
        .important(),
        case(
            "赵敏",
            "13725874123",
            "2-1-2201",
            Hotline,
            &LEAK,
            1,
            Days(38, 11, 20),
        )
        .major(&[MajorLossOrInjury])
        .route(|r| r.reopen = true),
        case(
            "杨帆",
            "13588889999",
            "15-2-0601",
            Email,
            &NOISE,
            2,
            Days(28, 8, 55),
        )
        .important(),
        case(
            "黄丽",
            "13366667777",
            "6-3-1102",
            Letter,
            &GUARD,
            0,
            Days(35, 16, 40),
        )
        .important(),
        case(
            "吴刚",
            "18922223333",
            "11-1-0502",
            GovernmentHotline,
            &MUNICIPAL,
            0,
            Days(12, 15, 30),
        )
        .minor(&[])
        .invalid(INVALID_REASON),
        case(
            "模拟业主（演练）",
            "",
            "1-1-0101",
            Phone,
            &ELEVATOR,
            1,
            Days(21, 14, 0),
        )
        .major(&[MajorLossOrInjury])
        .drill(&DRILL_ELEVATOR),
        case(
            "徐静",
            "13811223344",
            "10-2-1801",
            Phone,
            &WATER,
            0,
            Days(16, 7, 50),
        )
        .important(),
        case(
            "孙浩",
            "13699887766",
            "4-1-0201",
            OnSiteVisit,
            &GREENERY,
            0,
            Days(30, 10, 0),
        )
        .minor(&[FacilityLimit]),
        // Summarised.
        case(
            "胡杰",
            "13520241188",
            "18-1-0601",
            WalkIn,
            &FIRE_LANE,
            1,
            Days(7, 9, 20),
        )
        .major(&[PublicInterest, SafetyOrPollution])
        .group(18)
        .route(|r| r.reject = true)
        .upto(K::Summarize, 1),
        case(
            "朱琳",
            "13512349876",
            "8-2-0901",
            Hotline,
            &GREENERY,
            1,
            Days(6, 16, 10),
        )
        .major(&[MajorLossOrInjury])
        .upto(K::Summarize, 1),
        case(
            "高峰",
            "13923456781",
            "14-1-1602",
            GovernmentHotline,
            &WATERWORKS,
            1,
            Days(7, 10, 45),
        )
        .major(&[SafetyOrPollution, PublicInterest])
        .group(6)
        .route(|r| {
            r.unclear = true;
            r.review_rejected = true;
        })
        .upto(K::ReviewSummary, 1),
        // Followed up.
        case(
            "林小红",
            "13012348765",
            "16-2-0703",
            Hotline,
            &WATERWORKS,
            0,
            Days(4, 20, 30),
        )
        .important()
        .upto(K::FollowUp, 1),
        case(
            "何建华",
            "13787654321",
            "3-1-0102",
            WalkIn,
            &LEAK,
            3,
            Days(5, 11, 0),
        )
        .major(&[MajorLossOrInjury])
        .route(|r| r.notes = 2)
        .upto(K::FollowUp, 1),
        case(
            "郭涛",
            "15800001111",
            "13-3-1401",
            Phone,
            &CLEANING,
            0,
            Days(4, 9, 10),
        )
        .minor(&[])
        .upto(K::FollowUp, 1),
        case(
            "马丽娟",
            "13922221111",
            "17-1-0304",
            OnSiteVisit,
            &PETS,
            0,
            Days(5, 15, 20),
        )
        .minor(&[])
        .upto(K::FollowUp, 1),
        // Replied.
        case(
            "罗斌",
            "18688886666",
            "6-1-1901",
            Hotline,
            &ELEVATOR,
            5,
            Days(4, 8, 20),
        )
        .important()
        .upto(K::Reply, 1),
        case(
            "梁晓燕",
            "13566665555",
            "12-1-0203",
            Online,
            &FEES,
            0,
            Days(5, 14, 30),
        )
        .important()
        .route(|r| r.pause = true)
        .upto(K::Reply, 1),
        case(
            "宋佳",
            "13477778888",
            "9-3-1003",
            Hotline,
            &LEAK,
            2,
            Days(7, 18, 40),
        )
        .important()
        .route(|r| r.reopen = true)
        .upto(K::Reply, 2),
        case(
            "谢宇",
            "13855554444",
            "2-2-0601",
            Email,
            &ACCESS,
            1,
            Days(3, 10, 5),
        )
        .minor(&[FacilityLimit])
        .upto(K::Reply, 1),
        // Implementing.
        case(
            "王芳",
            "13918763452",
            "7-1-0302",
            Hotline,
            &LEAK,
            4,
            Days(2, 9, 5),
        )
        .level(Severity::Important, &[ServiceFailedRepeatedly])
        .overridden(
            "上次漏水已修复，本次为厨房给水管新渗漏点，损失较小，按重要投诉处理并重点跟进。",
        )
        .repeats(1)
        .upto(K::StartImplementation, 1),
        case(
            "韩梅",
            "13366669999",
            "11-3-1702",
            WalkIn,
            &GUARD,
            1,
            Days(2, 13, 20),
        )
        .important()
        .upto(K::StartImplementation, 1),
        case(
            "唐亮",
            "18800002222",
            "5-2-0101",
            Phone,
            &EBIKE,
            0,
            Days(1, 19, 45),
        )
        .major(&[SafetyOrPollution])
        .upto(K::ReportBack, 1),
        case(
            "冯雪",
            "13611110000",
            "15-1-2302",
            Online,
            &GARBAGE,
            1,
            Days(2, 10, 30),
        )
        .minor(&[])
        .route(|r| r.notes = 1)
        .upto(K::StartImplementation, 1),
        case(
            "模拟业主（演练）",
            "",
            "1-1-0102",
            WalkIn,
            &FIRE_LANE,
            1,
            Days(2, 9, 30),
        )
        .major(&[SafetyOrPollution, PublicInterest])
        .group(8)
        .drill(&DRILL_FIRE_LANE)
        .upto(K::StartImplementation, 1),
        case(
            "于洪波",
            "13900002222",
            "18-2-1102",
            OnSiteVisit,
            &TILES,
            0,
            Days(3, 10, 40),
        )
        .level(Severity::Major, &[SafetyOrPollution])
        .route(|r| r.deescalate = true)
        .upto(K::StartImplementation, 1),
        // Plan approved.
        case(
            "张伟",
            "13812345678",
            "3-2-1201",
            Hotline,
            &ELEVATOR,
            0,
            Days(1, 7, 45),
        )
        .major(&[ServiceFailedRepeatedly])
        .repeats(0)
        .upto(K::ApprovePlan, 1),
        case(
            "董小平",
            "13588880000",
            "10-1-0501",
            Letter,
            &ACCESS,
            0,
            Days(2, 9, 50),
        )
        .important()
        .route(|r| r.escalate = true)
        .upto(K::ApprovePlan, 1),
        // Plan drafted.
        case(
            "程刚",
            "13700001111",
            "4-2-0904",
            Hotline,
            &NOISE,
            0,
            Days(2, 23, 10),
        )
        .major(&[PublicInterest])
        .group(9)
        .upto(K::DraftPlan, 1),
        case(
            "曹颖",
            "13811110000",
            "13-1-0101",
            WalkIn,
            &FIRE_LANE,
            0,
            Days(3, 15, 0),
        )
        .major(&[SafetyOrPollution])
        .route(|r| r.reject = true)
        .upto(K::RejectPlan, 1),
        // Dispatched.
        case(
            "袁野",
            "13699990000",
            "1-2-1501",
            Hotline,
            &ELEVATOR,
            6,
            Minutes(240),
        )
        .major(&[MajorLossOrInjury])
        .upto(K::Dispatch, 1),
        case(
            "曾凡",
            "15900003333",
            "8-1-0402",
            Phone,
            &CLEANING,
            1,
            Minutes(170),
        )
        .minor(&[FacilityLimit])
        .upto(K::SignFor, 1),
        case(
            "彭立",
            "13300004444",
            "14-2-0702",
            WalkIn,
            &PARKING,
            0,
            Days(1, 16, 20),
        )
        .important()
        .upto(K::SignFor, 1),
        case(
            "吕娟",
            "18900005555",
            "17-3-1203",
            OnSiteVisit,
            &GREENERY,
            2,
            Days(1, 10, 10),
        )
        .minor(&[FacilityLimit])
        .upto(K::Dispatch, 1),
        // Plan activated.
        case(
            "苏敏",
            "13400006666",
            "16-1-0101",
            Hotline,
            &PARKING,
            1,
            Minutes(130),
        )
        .major(&[SafetyOrPollution])
        .upto(K::RecordMinutes, 1),
        case(
            "卢建军",
            "13500005555",
            "12-2-0801",
            WalkIn,
            &FEES,
            2,
            Minutes(300),
        )
        .major(&[PublicInterest])
        .group(22)
        .upto(K::Activate, 1),
        // Investigating.
        case(
            "蒋文",
            "13500007777",
            "2-3-1601",
            Hotline,
            &ELEVATOR,
            4,
            Days(2, 9, 15),
        )
        .minor(&[FacilityLimit])
        .upto(K::StartInvestigation, 1),
        case(
            "蔡晓东",
            "18600008888",
            "7-2-0902",
            Online,
            &NOISE,
            1,
            Days(1, 8, 30),
        )
        .minor(&[])
        .upto(K::AddEvidence, 1),
        case(
            "贾宁",
            "13600009999",
            "9-1-2101",
            Phone,
            &WATER,
            1,
            Days(3, 11, 40),
        )
        .important()
        .route(|r| r.pause = true)
        .upto(K::PauseClocks, 1),
        case(
            "钟华",
            "13711112222",
            "6-3-0502",
            Hotline,
            &ELEVATOR,
            3,
            Days(2, 10, 20),
        )
        .major(&[SafetyOrPollution])
        .route(|r| r.unclear = true)
        .upto(K::DraftPlan, 1),
        case("", "", "", Online, &FIRE_LANE, 2, Days(1, 13, 40))
            .major(&[SafetyOrPollution])
            .upto(K::AddEvidence, 1),
        // Assessed.
        case(
            "石磊",
            "13922223333",
            "11-2-0601",
            Hotline,
            &GAS,
            0,
            Minutes(45),
        )
        .major(&[SafetyOrPollution])
        .upto(K::Assess, 1),
        case(
            "田甜",
            "13633334444",
            "5-3-0303",
            Other,
            &SERVICE,
            0,
            Minutes(70),
        )
        .important()
        .upto(K::Assess, 1),
        case(
            "方圆",
            "13544445555",
            "10-3-1104",
            OnSiteVisit,
            &GARBAGE,
            2,
            Minutes(100),
        )
        .minor(&[])
        .upto(K::Assess, 1),
        // Received.
        case(
            "姚远",
            "18655556666",
            "14-1-0902",
            Hotline,
            &WATER,
            2,
            Minutes(6),
        ),
        case(
            "谭静",
            "13466667777",
            "4-1-1202",
            GovernmentHotline,
            &PARKING,
            2,
            Minutes(25),
        ),
        case(
            "熊伟",
            "13277778888",
            "8-3-1502",
            WalkIn,
            &GUARD,
            2,
            Minutes(55),
        ),
    ];
    for (i, c) in cases.iter_mut().enumerate() {
        c.staff = i % 3;
        c.jitter = ((i * 7 + 3) % 13) as i64;
        // An anonymous report gives only a place.
        if c.name.is_none() && c.phone.is_none() && c.unit.is_none() {
            c.address.get_or_insert_with(|| c.text.location.into());
        }
    }
    cases
}

/// A well-mixed 64-bit number from a counter (SplitMix64's finaliser).
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const SURNAMES: [&str; 30] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
];
const GIVEN_NAMES: [&str; 40] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "志强", "晓燕", "海燕", "建国", "红梅", "文博",
    "子涵", "雨轩", "浩然", "欣怡", "俊杰", "丽华", "国庆", "春梅", "立新", "思远", "佳怡",
];
const CHANNELS: [Channel; 9] = [
    Channel::Hotline,
    Channel::Phone,
    Channel::WalkIn,
    Channel::Hotline,
    Channel::OnSiteVisit,
    Channel::GovernmentHotline,
    Channel::Online,
    Channel::Email,
    Channel::Letter,
];
const MAJOR_CRITERIA: [Criterion; 5] = [
    Criterion::MajorLossOrInjury,
    Criterion::SafetyOrPollution,
    Criterion::PublicInterest,
    Criterion::ServiceFailedRepeatedly,
    Criterion::MajorImpact,
];

/// Complaint `i` of the load test.
fn load_case(i: usize) -> Case {
    use CommandKind as K;
    let h = mix(i as u64);
    let topic = LOAD_TOPICS[(i + i / 7) % LOAD_TOPICS.len()];
    let variant = (i / LOAD_TOPICS.len()) % topic.cases.len();
    let room = format!("{:02}{:02}", (h >> 8) % 32 + 1, (h >> 16) % 4 + 1);
    let unit_code = format!("{}-{}-{room}", (h >> 24) % 24 + 1, (h >> 32) % 3 + 1);
    let name = format!(
        "{}{}",
        SURNAMES[i % SURNAMES.len()],
        GIVEN_NAMES[(i / SURNAMES.len() + ((h >> 40) as usize)) % GIVEN_NAMES.len()]
    );
    let phone = format!(
        "1{}{:09}",
        [3, 5, 8, 3, 7, 5, 8, 9][i % 8],
        (i as u64 * 7919 + 123_457) % 1_000_000_000
    );
    let channel = CHANNELS[(h >> 44) as usize % CHANNELS.len()];
    let mut c = case(
        &name,
        &phone,
        &unit_code,
        channel,
        topic,
        variant,
        Ago::Minutes(0),
    );
    let major = [MAJOR_CRITERIA[(h >> 48) as usize % MAJOR_CRITERIA.len()]];
    // Twenty patterns in turn: seven end closed (two reopened once, one with a rejected plan),
    // the others stop in each open state; a month-old complaint is always closed, so loading
    // the set triggers no automatic escalation.
    c = match i % 20 {
        0 | 3 | 18 => c.major(&major),
        1 | 4 | 9 | 14 => c.minor(&[Criterion::FacilityLimit]),
        5 => c,
        6 => c.minor(&[]).upto(K::Assess, 1),
        7 => c.important().upto(K::SignFor, 1),
        8 => c.major(&major).upto(K::RecordMinutes, 1),
        10 => c.major(&major).upto(K::DraftPlan, 1),
        11 => c.major(&major).upto(K::ApprovePlan, 1),
        12 => c.major(&major).upto(K::ReportProgress, 1),
        13 => c.important().upto(K::StartImplementation, 1),
        15 => c.major(&major).upto(K::FollowUp, 1),
        16 => c.major(&major).upto(K::Summarize, 1),
        _ => c.important(),
    };
    c = match i % 20 {
        3 => c.route(|r| r.reopen = true),
        9 => c.upto(K::AddEvidence, 1),
        14 => c.upto(K::Reply, 1),
        17 => c.route(|r| r.reopen = true),
        18 => c.route(|r| r.reject = true),
        19 => c.upto(K::FollowUp, 1),
        _ => c,
    };
    if i % 53 == 52 {
        c = case(
            &name,
            &phone,
            &unit_code,
            channel,
            &MUNICIPAL,
            0,
            Ago::Minutes(0),
        )
        .minor(&[])
        .invalid(INVALID_REASON);
    }
    if i % 101 == 100 && c.route.emergency {
        c.drill = true;
    }
    c.route.notes = (h >> 52) as usize % 11;
    let hour = 7 + (h >> 56) as u32 % 14;
    let minute = (h >> 20) as u32 % 60;
    c.ago = match (c.severity, c.stop) {
        (None, _) | (_, Stop::After(K::Assess, _)) => Ago::Minutes(3 + (h % 300) as i64),
        (_, Stop::End) => Ago::Days(12 + (h % 350) as i64, hour, minute),
        _ => Ago::Days(1 + (h % 24) as i64, hour, minute),
    };
    c.staff = i % 3;
    c.jitter = (h % 13) as i64;
    c
}

// ---------------------------------------------------------------------------------------------
// From stories to events.

/// Who gives a command.
#[derive(Clone, Copy)]
enum Who {
    /// The staff member who received the complaint.
    Receiver,
    /// The head of the responsible department.
    Head,
    /// The deputy leader, who runs the emergency office.
    Deputy,
    /// The leader; the deputy for some complaints; the duty lead outside working hours.
    Lead,
}

/// When a command is given: some minutes after the one before, or on the `n`th day after
/// receipt at a local time (but never sooner than a quarter of an hour after the one before).
#[derive(Clone, Copy)]
enum When {
    After(i64),
    Day(u64, u32, u32),
}

struct Step {
    when: When,
    who: Who,
    command: Command,
}

fn step(when: When, who: Who, command: Command) -> Step {
    Step { when, who, command }
}

/// `date` at `hour:minute` in the offset of `like`.
fn local(
    like: DateTime<FixedOffset>,
    date: NaiveDate,
    hour: u32,
    minute: u32,
) -> DateTime<FixedOffset> {
    let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN);
    like.offset()
        .from_local_datetime(&date.and_time(time))
        .single()
        .unwrap_or(like)
}

/// The `day`th day after `start`'s date at `hour:minute`.
fn on_day(start: DateTime<FixedOffset>, day: u64, hour: u32, minute: u32) -> DateTime<FixedOffset> {
    let date = start
        .date_naive()
        .checked_add_days(chrono::Days::new(day))
        .unwrap_or(start.date_naive());
    local(start, date, hour, minute)
}

fn received_at(ago: Ago, now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    match ago {
        Ago::Minutes(m) => now - TimeDelta::minutes(m),
        Ago::Days(d, hour, minute) => {
            let date = now
                .date_naive()
                .checked_sub_days(chrono::Days::new(d.unsigned_abs()))
                .unwrap_or(now.date_naive());
            local(now, date, hour, minute)
        }
    }
}

/// What the script of one complaint needs to know besides the case.
struct Ctx<'a> {
    id: ComplaintId,
    number: ComplaintNumber,
    received: DateTime<FixedOffset>,
    related: BTreeSet<ComplaintId>,
    people: &'a People,
}

fn fill(template: &str, unit: Option<&Unit>) -> String {
    let (b, u, r) = unit.map_or(("", "", ""), |u| {
        (u.building.as_str(), u.entrance.as_str(), u.room.as_str())
    });
    template
        .replace("{b}", b)
        .replace("{u}", u)
        .replace("{r}", r)
}

/// The record as the receiver writes it down.
fn details(c: &Case, ctx: &Ctx) -> ComplaintDetails {
    let t = c.topic;
    let phone = c.phone.as_deref().and_then(|p| Phone::parse(p).ok());
    let mut d = ComplaintDetails::new(c.channel, fill(c.text.description, c.unit.as_ref()));
    d.request = c.text.request.into();
    d.location = fill(c.text.location, c.unit.as_ref());
    if c.channel == Channel::Hotline {
        d.caller_number = phone.clone();
        d.recording_ref = Some(format!(
            "LY{}-{:03}",
            ctx.received.format("%Y%m%d"),
            ctx.number.seq % 1000
        ));
    }
    let anonymous = c.name.is_none() && c.phone.is_none() && c.unit.is_none();
    d.complainant = Complainant {
        anonymous,
        name: c.name.clone(),
        phone,
        unit: c.unit.clone(),
        address: c.address.clone(),
        preferred_contact: (!anonymous)
            .then(|| ["电话", "微信", "短信", "上门面谈"][c.jitter as usize % 4].into()),
        count: c.count,
        public_interest_group: false,
    };
    let before = match c.channel {
        Channel::Email | Channel::Letter | Channel::Online | Channel::GovernmentHotline => {
            TimeDelta::hours(20 + c.jitter * 3)
        }
        _ => TimeDelta::minutes(15 + c.jitter * 9),
    };
    d.occurred_at = Some(ctx.received - before);
    d.complained_department = Some(t.department.into());
    d.complained_person = t.complained_person.map(Into::into);
    d.category = Some(t.category.into());
    d.related = ctx.related.clone();
    d.drill = c.drill;
    d
}

fn satisfied(c: &Case) -> Satisfaction {
    if c.jitter % 3 == 0 {
        Satisfaction::BasicallySatisfied
    } else {
        Satisfaction::Satisfied
    }
}

fn follow_up(satisfaction: Satisfaction, title: &str) -> Command {
    let (comments, reopen_to) = match satisfaction {
        Satisfaction::Satisfied => ("业主对处理结果表示满意，感谢物业及时处理。".into(), None),
        Satisfaction::BasicallySatisfied => (
            "业主基本满意，希望今后加强日常巡查，避免类似问题再次发生。".into(),
            None,
        ),
        Satisfaction::Dissatisfied => (
            format!("业主反映{title}问题未彻底解决，对处理结果不满意，要求重新整改。"),
            Some(WorkflowState::Implementing),
        ),
    };
    Command::FollowUp(FollowUp {
        satisfaction,
        comments,
        reopen_to,
    })
}

fn minutes(t: &Topic, people: &People, staff: &Actor) -> Command {
    let head = people.head(t.department);
    Command::RecordMinutes(Minutes {
        content: format!(
            "召开{}投诉应急处理会议，通报投诉经过和业主诉求，分析原因，研究安抚和处理措施。",
            t.title
        ),
        decisions: format!(
            "启动重大投诉应急预案；{}牵头调查核实并提出整改方案；客服部负责与业主沟通安抚；当天向总经理报告。",
            t.department
        ),
        assignments: vec![
            Assignment {
                who: head.name.clone(),
                what: "现场核实，提出整改方案".into(),
            },
            Assignment {
                who: staff.name.clone(),
                what: "联系业主安抚，记录诉求".into(),
            },
        ],
        status: "执行中".into(),
    })
}

fn summary(t: &Topic, revised: bool) -> Summary {
    Summary {
        causes: if revised {
            format!("{}（已补充相关检查记录和整改前后照片）", t.cause)
        } else {
            t.cause.into()
        },
        lessons: "接报后响应及时，但前期问题未闭环跟踪导致投诉升级；与业主沟通应更主动、更及时。"
            .into(),
        corrective_actions: t.task.into(),
        preventive_actions: t.prevent.into(),
        plan_revisions: format!("在应急预案附件中补充{}类投诉的处置要点和联系人。", t.title),
        training_needs: format!(
            "组织客服部和{}学习投诉处理流程、首问负责制和沟通技巧。",
            t.department
        ),
    }
}

/// Every command of a complaint's story, in order, with who gives it and when.
fn script(c: &Case, ctx: &Ctx) -> Vec<Step> {
    use When::{After, Day};
    use Who::{Deputy, Head, Lead, Receiver};
    let t = c.topic;
    let j = c.jitter;
    let receiver = &ctx.people.staff[c.staff % ctx.people.staff.len()];
    let mut s = vec![step(
        After(j % 3),
        Receiver,
        Command::Receive {
            id: ctx.id,
            number: ctx.number.clone(),
            received_at: ctx.received,
            details: details(c, ctx),
        },
    )];
    let Some(severity) = c.severity else {
        return s;
    };
    s.push(step(
        After(2 + j % 3),
        Receiver,
        Command::Assess {
            criteria: c.criteria.iter().copied().collect(),
            severity,
            override_reason: c.override_reason.map(Into::into),
            validity: match c.invalid {
                Some(reason) => Validity::Invalid {
                    reason: reason.into(),
                },
                None => Validity::Valid,
            },
            category: t.category.into(),
        },
    ));
    if c.invalid.is_some() {
        s.push(step(
            After(25),
            Receiver,
            Command::Close {
                notice: "不属于物业管理范围，已告知业主相关部门联系方式，结案。".into(),
                no_new_complaints: true,
            },
        ));
        return s;
    }
    let major = severity == Severity::Major;
    let emergency = c.route.emergency || c.route.escalate;
    s.push(step(
        After(3 + j % 5),
        Receiver,
        Command::Dispatch {
            department: t.department.into(),
            note: if major {
                "重大投诉，请立即安排人员到场处理，同时呈报总经理。".into()
            } else {
                "请今日内核实处理，完成后当日回单。".into()
            },
        },
    ));
    s.push(step(
        After(12 + (j * 2) % 15),
        Head,
        Command::SignFor {
            signer: ctx.people.head(t.department).name.clone(),
        },
    ));
    let report = || {
        step(
            After(20),
            Deputy,
            Command::ReportToGeneralManager {
                note: "重大投诉，已当日呈报总经理。".into(),
            },
        )
    };
    let activate = |s: &mut Vec<Step>| {
        s.push(step(
            After(25),
            Lead,
            Command::Activate {
                note: "决定启动重大投诉应急预案，立即召开应急会议，安排专人安抚业主并确保其安全。"
                    .into(),
            },
        ));
        s.push(step(After(35), Deputy, minutes(t, ctx.people, receiver)));
    };
    if major {
        s.push(report());
    }
    if c.route.deescalate {
        s.push(step(
            After(60),
            Lead,
            Command::Deescalate {
                to: Severity::Important,
                reason: "现场核实仅为个别瓷砖松动脱落，已设置围挡，无人员伤害和财产损失，降为重要投诉处理。"
                    .into(),
            },
        ));
    }
    if c.route.emergency && !c.route.escalate {
        activate(&mut s);
    }
    s.push(step(After(30), Receiver, Command::StartInvestigation));
    s.push(step(
        After(50),
        Receiver,
        Command::AddEvidence(Evidence {
            kind: EvidenceKind::Note,
            blob_sha256: None,
            caption: t.finding.into(),
        }),
    ));
    for k in 0..c.route.notes {
        s.push(step(
            After(if k == 0 { 60 } else { 25 }),
            Receiver,
            Command::AddNote {
                text: NOTES[(j as usize + k) % NOTES.len()].into(),
                legal_counsel: false,
            },
        ));
    }
    if c.route.pause {
        s.push(step(
            After(40),
            Receiver,
            Command::PauseClocks {
                reason: "业主外出，约定返回后入户核实，等待业主期间暂停计时。".into(),
            },
        ));
        s.push(step(Day(2, 10, 0), Receiver, Command::ResumeClocks));
    }
    if c.route.escalate {
        s.push(step(
            Day(1, 9, 20),
            Receiver,
            Command::Escalate {
                to: Severity::Major,
                reason: "多名业主在业主群转发此事，已有媒体记者来电询问，按预案升级为重大投诉。"
                    .into(),
            },
        ));
        s.push(report());
        activate(&mut s);
        s.push(step(After(30), Receiver, Command::StartInvestigation));
    }
    let mut shift = 0;
    let tasks_due = |day| Some(on_day(ctx.received, day, 18, 0));
    if emergency {
        if c.route.unclear {
            s.push(step(
                Day(1, 9, 30),
                Deputy,
                Command::DraftPlan {
                    outcome: OutcomeClass::FactsUnclear,
                    content: "原因尚未查清，需委托第三方检测后再拟定处理方案。".into(),
                    compensation_fen: None,
                },
            ));
            s.push(step(
                After(180),
                Receiver,
                Command::AddEvidence(Evidence {
                    kind: EvidenceKind::Note,
                    blob_sha256: None,
                    caption: "第三方检测报告已取得，原因已查明，详见检测报告。".into(),
                }),
            ));
            shift = 1;
        }
        let plan = |revised: bool| Command::DraftPlan {
            outcome: OutcomeClass::Rectify,
            content: if revised {
                format!("{}（已明确各项措施的责任人和完成时限）", t.plan)
            } else {
                t.plan.into()
            },
            compensation_fen: t.compensation_fen,
        };
        s.push(step(Day(1 + shift, 10, 0), Deputy, plan(false)));
        if c.route.reject {
            s.push(step(
                After(90),
                Lead,
                Command::RejectPlan {
                    reason: "方案未明确责任人和完成时限，请补充后重新报批。".into(),
                },
            ));
            s.push(step(After(120), Deputy, plan(true)));
        }
        s.push(step(
            After(60),
            Lead,
            Command::ApprovePlan {
                comment: "同意，按方案执行，注意与业主保持沟通。".into(),
            },
        ));
        s.push(step(
            After(30),
            Receiver,
            Command::StartImplementation {
                tasks: vec![
                    Task {
                        department: t.department.into(),
                        description: t.task.into(),
                        due: tasks_due(3 + shift),
                    },
                    Task {
                        department: "客服部".into(),
                        description: "跟进整改进度，每日向业主通报".into(),
                        due: tasks_due(3 + shift),
                    },
                ],
            },
        ));
        s.push(step(
            After(150),
            Deputy,
            Command::ReportProgress {
                content: format!(
                    "向应急领导小组报告：{}正在落实整改（{}），已完成约六成，业主情绪稳定，预计按期完成。",
                    t.department, t.task
                ),
            },
        ));
    } else {
        s.push(step(
            Day(1, 9, 30),
            Receiver,
            Command::StartImplementation {
                tasks: vec![Task {
                    department: t.department.into(),
                    description: t.task.into(),
                    due: tasks_due(3),
                }],
            },
        ));
    }
    // The department reports back the day after the plan (emergency) or the second day.
    let back = if emergency { 1 + shift } else { 2 };
    s.push(step(
        Day(back, 17, 0),
        Head,
        Command::ReportBack {
            department: t.department.into(),
            summary: t.done.into(),
        },
    ));
    let reply = |second: bool| {
        Command::Reply(Reply {
            result: if second {
                format!("二次整改已完成并经现场复查：{}", t.reply)
            } else {
                t.reply.into()
            },
            reasons: t.reasons.into(),
            basis: t.basis.into(),
        })
    };
    s.push(step(After(60 + (j * 7) % 90), Receiver, reply(false)));
    if c.route.reopen {
        s.push(step(
            Day(4 + shift, 10, 0),
            Receiver,
            follow_up(Satisfaction::Dissatisfied, t.title),
        ));
        s.push(step(
            After(120),
            Deputy,
            Command::RecordMinutes(Minutes {
                content: format!(
                    "回访业主不满意，召开专题会议分析{}问题未彻底解决的原因。",
                    t.title
                ),
                decisions: "重新整改，由责任部门负责人现场督办，完成后再次回访。".into(),
                assignments: vec![Assignment {
                    who: ctx.people.head(t.department).name.clone(),
                    what: "重新整改并现场督办".into(),
                }],
                status: "执行中".into(),
            }),
        ));
        s.push(step(
            Day(6 + shift, 16, 0),
            Head,
            Command::ReportBack {
                department: t.department.into(),
                summary: "已按回访意见完成二次整改，现场复查合格。".into(),
            },
        ));
        s.push(step(After(60), Receiver, reply(true)));
        shift += 4;
    }
    s.push(step(
        Day(4 + shift, 10, 0),
        Receiver,
        follow_up(
            if c.route.reopen {
                Satisfaction::Satisfied
            } else {
                satisfied(c)
            },
            t.title,
        ),
    ));
    if emergency {
        s.push(step(
            Day(5 + shift, 10, 0),
            Deputy,
            Command::Summarize(summary(t, false)),
        ));
        if c.route.review_rejected {
            s.push(step(
                After(180),
                Lead,
                Command::ReviewSummary {
                    approved: false,
                    comment: "请补充相关检查记录和整改前后照片后重新提交。".into(),
                },
            ));
            shift += 1;
            s.push(step(
                Day(5 + shift, 10, 0),
                Deputy,
                Command::Summarize(summary(t, true)),
            ));
        }
        s.push(step(
            After(180),
            Lead,
            Command::ReviewSummary {
                approved: true,
                comment: "同意，整改和预防措施落实情况纳入月度检查。".into(),
            },
        ));
        s.push(step(
            Day(6 + shift, 9, 30),
            Lead,
            Command::Close {
                notice: "经应急处理领导小组研究决定：该投诉已妥善处理，业主满意，无新增投诉，现宣布应急终止。请各部门做好后续跟踪和资料归档。"
                    .into(),
                no_new_complaints: true,
            },
        ));
    } else {
        s.push(step(
            After(20 + j),
            Receiver,
            Command::Close {
                notice: "问题已处理完毕，业主回访满意，结案。".into(),
                no_new_complaints: true,
            },
        ));
    }
    s
}

/// The steps up to where the case stops.
fn cut(mut steps: Vec<Step>, stop: Stop) -> Vec<Step> {
    if let Stop::After(kind, nth) = stop {
        let end = steps
            .iter()
            .enumerate()
            .filter(|(_, s)| s.command.kind() == kind)
            .nth(nth.saturating_sub(1))
            .map_or(steps.len(), |(i, _)| i + 1);
        steps.truncate(end);
    }
    steps
}

/// The time of every step: from its `When`, then squeezed proportionally when the last would
/// fall later than a minute before `now`.
fn schedule(
    steps: &[Step],
    received: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> Vec<DateTime<FixedOffset>> {
    let mut prev = received;
    let mut times: Vec<DateTime<FixedOffset>> = steps
        .iter()
        .map(|s| {
            prev = match s.when {
                When::After(m) => prev + TimeDelta::minutes(m),
                When::Day(d, hour, minute) => {
                    on_day(received, d, hour, minute).max(prev + TimeDelta::minutes(15))
                }
            };
            prev
        })
        .collect();
    let limit = now - TimeDelta::minutes(1);
    if let Some(&last) = times.last()
        && last > limit
    {
        let span = i128::from((last - received).num_milliseconds().max(1));
        let room = i128::from((limit - received).num_milliseconds().max(0));
        for t in &mut times {
            let offset = i128::from((*t - received).num_milliseconds()) * room / span;
            *t = received + TimeDelta::milliseconds(i64::try_from(offset).unwrap_or(0));
        }
    }
    times
}

/// Ten bytes per id from a counter, distinct for every call on one device and different
/// between devices.
struct Entropy {
    seed: u64,
    counter: u64,
}

impl Entropy {
    fn new(device: DeviceId) -> Self {
        let x = device.0.as_u128();
        Entropy {
            seed: mix(x as u64 ^ (x >> 64) as u64),
            counter: 0,
        }
    }

    fn bytes(&mut self) -> [u8; 10] {
        self.counter += 1;
        let mut r = [0u8; 10];
        r[..2].copy_from_slice(&((self.seed >> 48) as u16).to_be_bytes());
        r[2..].copy_from_slice(&(self.seed ^ self.counter).to_be_bytes());
        r
    }
}

fn unix_ms(at: DateTime<FixedOffset>) -> u64 {
    u64::try_from(at.timestamp_millis()).unwrap_or(0)
}

/// Add the roster, by the leader, at `at` (a minute apart).
fn roster(
    at: DateTime<FixedOffset>,
    settings: &Settings,
    clock: &mut DeviceClock,
    entropy: &mut Entropy,
    events: &mut Vec<Event>,
) -> People {
    let actors: Vec<Actor> = ROSTER
        .iter()
        .enumerate()
        .map(|(i, (name, role, _))| {
            let when = at + TimeDelta::minutes(i as i64);
            Actor::new(
                PersonId::new_v7(unix_ms(when), &entropy.bytes()),
                *name,
                *role,
            )
        })
        .collect();
    let leader = actors[0].clone();
    for (i, (actor, (_, _, department))) in actors.iter().zip(ROSTER).enumerate() {
        let when = at + TimeDelta::minutes(i as i64);
        let command = RosterCommand::Add {
            id: actor.id,
            name: actor.name.clone(),
            role: actor.role,
            department: Some(department.into()),
        };
        if let Ok(news) = apply_roster(None, &command, &leader, when, settings) {
            events.extend(clock.stamp_all(news, Vec::new(), None, || entropy.bytes()));
        }
    }
    let with = |role: Role| actors.iter().filter(move |a| a.role == role).cloned();
    People {
        leader: leader.clone(),
        deputy: with(Role::Deputy).next().unwrap_or_else(|| leader.clone()),
        duty_lead: with(Role::DutyLead)
            .next()
            .unwrap_or_else(|| leader.clone()),
        staff: with(Role::Staff).collect(),
        heads: ROSTER
            .iter()
            .zip(&actors)
            .filter(|((_, role, _), _)| *role == Role::DepartmentHead)
            .map(|((_, _, department), a)| (*department, a.clone()))
            .collect(),
    }
}

/// Record the roster, then play every case's commands in time order on one device.
fn generate(
    now: DateTime<FixedOffset>,
    device: DeviceId,
    code: DeviceCode,
    cases: Vec<Case>,
) -> Vec<Event> {
    let settings = Settings::default();
    let mut clock = DeviceClock::new(device);
    let mut entropy = Entropy::new(device);
    let mut events: Vec<Event> = Vec::new();

    let received: Vec<DateTime<FixedOffset>> =
        cases.iter().map(|c| received_at(c.ago, now)).collect();
    let earliest = received.iter().min().copied().unwrap_or(now);
    let roster_day = earliest
        .date_naive()
        .checked_sub_days(chrono::Days::new(3))
        .unwrap_or(earliest.date_naive());
    let people = roster(
        local(now, roster_day, 9, 0),
        &settings,
        &mut clock,
        &mut entropy,
        &mut events,
    );

    // Ids and numbers in the order the complaints came in.
    let mut order: Vec<usize> = (0..cases.len()).collect();
    order.sort_by_key(|&i| (received[i], i));
    let mut numbered: Vec<(usize, ComplaintId, ComplaintNumber)> = order
        .iter()
        .enumerate()
        .map(|(seq, &i)| {
            let id = ComplaintId::new_v7(unix_ms(received[i]), &entropy.bytes());
            let number = ComplaintNumber::next(
                received[i].date_naive(),
                code.clone(),
                u32::try_from(seq).unwrap_or(u32::MAX),
            );
            (i, id, number)
        })
        .collect();
    numbered.sort_by_key(|(i, _, _)| *i);

    // Each complaint's commands with their times and actors.
    let plans: Vec<Vec<(DateTime<FixedOffset>, Actor, Command)>> = cases
        .iter()
        .zip(&numbered)
        .map(|(c, (i, id, number))| {
            let ctx = Ctx {
                id: *id,
                number: number.clone(),
                received: received[*i],
                related: c.repeat_of.map(|r| numbered[r].1).into_iter().collect(),
                people: &people,
            };
            let steps = cut(script(c, &ctx), c.stop);
            let times = schedule(&steps, ctx.received, now);
            let receiver = &people.staff[c.staff % people.staff.len()];
            steps
                .into_iter()
                .zip(times)
                .map(|(s, at)| {
                    let actor = match s.who {
                        Who::Receiver => receiver,
                        Who::Head => people.head(c.topic.department),
                        Who::Deputy => &people.deputy,
                        Who::Lead if settings.is_off_hours(at) => &people.duty_lead,
                        Who::Lead if c.jitter % 3 == 1 => &people.deputy,
                        Who::Lead => &people.leader,
                    };
                    (at, actor.clone(), s.command)
                })
                .collect()
        })
        .collect();

    // Play them in time order, as the device would have recorded them.
    let mut queue: Vec<(DateTime<FixedOffset>, usize, usize)> = plans
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.iter().enumerate().map(move |(k, (at, _, _))| (*at, i, k)))
        .collect();
    queue.sort();
    let mut own: Vec<Vec<usize>> = vec![Vec::new(); cases.len()];
    let mut state: Vec<Option<Complaint>> = vec![None; cases.len()];
    let mut stopped = vec![false; cases.len()];
    events.reserve(queue.len());
    for (_, i, k) in queue {
        if stopped[i] {
            continue;
        }
        let (at, actor, command) = &plans[i][k];
        let current = state[i].as_ref();
        let Ok(news) = apply(current, command, actor, *at, &settings) else {
            // A story that no longer fits (it cannot happen with the cases above) ends here.
            stopped[i] = true;
            continue;
        };
        let heads = current.map(|c| c.heads.clone()).unwrap_or_default();
        let seen = current.map(|c| c.latest_hlc);
        for e in clock.stamp_all(news, heads, seen, || entropy.bytes()) {
            own[i].push(events.len());
            events.push(e);
        }
        state[i] = fold_complaint(own[i].iter().map(|&e| &events[e]).collect());
    }
    events
}

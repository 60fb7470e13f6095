//! The organisation and the duty rota: on a Friday night a leader sets up the organisation from
//! the standard one, adds a member with a number, and puts a duty lead on tonight's rota; a
//! major complaint taken in at 22:00 is activated by that duty lead, not by the other one, and
//! its page shows who to call, in order, each number a `tel:` link.
//!
//! The browser's clock is set to Friday 4 December 2026, 21:50 in Shanghai, before the first
//! page loads (as the calendar tests do), so "tonight" is the same in every run.

use fantoccini::{Client, Locator};

use crate::browser::{
    Result, choose, click, fail, fill, screenshot, wait_attr, wait_js, wait_text, with_browser,
};
use crate::calendar::set_browser_clock;
use crate::server::StaticServer;
use crate::workflow::{self, LEADER_PIN, sign_in, step, take_in};

/// Adds a duty lead (who signs in with a PIN) on the settings page.
async fn add_duty_lead(c: &Client, base: &str, name: &str) -> Result {
    c.goto(&format!("{base}/settings")).await?;
    fill(c, "#person-name", name).await?;
    choose(c, "#person-role", "DutyLead").await?;
    fill(c, "#person-pin", LEADER_PIN).await?;
    click(c, "#add-person").await?;
    wait_text(c, "#roster-panel .roster", name).await
}

/// Picks the person named `name` in the rota's select `css`.
async fn pick_on_rota(c: &Client, css: &str, name: &str) -> Result {
    let picked = c
        .execute(
            &format!(
                "const s = document.querySelector({css:?});
                 const o = s && [...s.options].find(o => o.text.includes({name:?}));
                 if (!o) return false;
                 s.value = o.value;
                 s.dispatchEvent(new Event('change', {{ bubbles: true }}));
                 return true"
            ),
            vec![],
        )
        .await?;
    if picked != true {
        return fail(format!("{name} is not offered in {css}"));
    }
    Ok(())
}

#[tokio::test]
#[ignore = "needs the release build in dist/ and chromedriver: run scripts/test.sh"]
async fn tonights_duty_lead_activates_a_major_complaint_and_sees_whom_to_call() {
    let server = StaticServer::start(&crate::dist());
    let base = server.base.clone();
    with_browser("organisation", 1024, 768, |c| async move {
        let c = &c;
        set_browser_clock(c, "2026-12-04T21:50:00+08:00").await?;
        workflow::set_up_tablet(c, &base).await?;
        add_duty_lead(c, &base, "赵值班").await?;
        add_duty_lead(c, &base, "钱值班").await?;

        // The leader starts from the standard organisation.
        c.goto(&format!("{base}/organisation")).await?;
        wait_text(c, "h1.page-title", "组织机构").await?;
        wait_text(c, "#call-list-empty", "还没有设定呼叫顺序").await?;
        click(c, "#org-start").await?;
        wait_text(c, "#call-list", "应急处理领导小组").await?;
        wait_js(c, "return document.querySelectorAll('.org-unit').length === 13", 10).await?;

        // A number nobody can dial is refused with its message, and nothing is saved.
        click(c, ".org-kind[data-kind='LeadershipGroup'] .org-edit").await?;
        c.wait().for_element(Locator::Css("#unit-form")).await?;
        click(c, "#member-add").await?;
        fill(c, "#member-name-0", "王组长").await?;
        fill(c, "#member-role-0", "组长").await?;
        fill(c, "#member-phone-0", "王组长的手机").await?;
        click(c, "#unit-save").await?;
        wait_text(c, "#unit-form .notice", "无法拨打").await?;
        if c.find(Locator::Css("#call-list .call-member")).await.is_ok() {
            return fail("a member with a bad number was saved");
        }
        fill(c, "#member-phone-0", "138 0000 0001").await?;
        click(c, "#unit-save").await?;
        wait_js(c, "return !document.querySelector('#unit-form')", 10).await?;
        wait_text(c, "#call-list", "王组长 组长").await?;
        c.find(Locator::Css("#call-list a.tel[href='tel:13800000001']")).await?;

        // Tonight's rota: 钱值班, not 赵值班.
        wait_text(c, "#on-duty", "值班表未排班").await?;
        pick_on_rota(c, "#rota-2026-12-04-Night", "钱值班").await?;
        wait_text(c, "#rota .notice", "值班表已更新").await?;
        wait_text(c, "#on-duty", "钱值班").await?;
        screenshot(c, "organisation-1024x768.png").await?;

        // A major complaint comes in at 22:00.
        sign_in(c, &base, "陈客服").await?;
        take_in(c, &base, "李女士", "晚上十点：地下车库起火冒烟，业主要求立即处理").await?;
        let page = c.current_url().await?.to_string();
        step(c, "Assess", || async move { click(c, "#c_safety").await }, "Assessed").await?;
        wait_text(c, "#record-level", "重大").await?;
        // Who to call shows as soon as the complaint is major.
        wait_text(c, "#call-list", "应急处理领导小组").await?;
        step(
            c,
            "Dispatch",
            || async move { choose(c, "#department", "security").await },
            "Dispatched",
        )
        .await?;
        // The reporting lines are clocks: the command at once (due within the half hour, so
        // "soon"), the sign-for and the form on to
        // the project manager the same day.
        wait_text(c, "#clocks", "部门签收").await?;
        wait_text(c, "#clocks", "转项目经理").await?;
        wait_attr(c, "li[data-clock='ReportToCommand']", "class", "clock clock-soon").await?;
        step(
            c,
            "ReportToCommand",
            || async move { fill(c, "#note", "22:05 已电话报告指挥部").await },
            "Dispatched",
        )
        .await?;
        wait_attr(c, "li[data-clock='ReportToCommand']", "class", "clock clock-met").await?;

        // The duty lead who is not on tonight's rota is not offered to activate the plan.
        sign_in(c, &base, "赵值班").await?;
        c.goto(&page).await?;
        wait_text(c, "#record-level", "重大").await?;
        if c
            .find(Locator::Css("#actions button[data-command='Activate']"))
            .await
            .is_ok()
        {
            return fail("a duty lead who is not on tonight's rota was offered to activate");
        }

        // Tonight's duty lead activates it and sees whom to call, in order.
        sign_in(c, &base, "钱值班").await?;
        c.goto(&page).await?;
        step(
            c,
            "Activate",
            || async move { fill(c, "#note", "夜间启动预案，通知领导小组").await },
            "Activated",
        )
        .await?;
        wait_text(c, "#record-header", "应急预案已启动").await?;
        wait_text(c, "#on-duty", "钱值班").await?;
        let order = c
            .execute(
                "return [...document.querySelectorAll('#call-list .call strong')].map(s => s.textContent)",
                vec![],
            )
            .await?;
        let expected = serde_json::json!(["应急处理领导小组", "应急处理办公室", "客服部", "保安部", "工程部"]);
        if order != expected {
            return fail(format!("the call list reads {order}, expected {expected}"));
        }
        c.find(Locator::Css("#call-list a.tel[href='tel:13800000001']")).await?;
        c.execute("document.querySelector('#record-header').scrollIntoView()", vec![]).await?;
        screenshot(c, "organisation-activated-1024x768.png").await?;

        // Staff read the organisation without the means to change it.
        sign_in(c, &base, "陈客服").await?;
        c.goto(&format!("{base}/organisation")).await?;
        wait_text(c, "#rota", "钱值班").await?;
        if c.find(Locator::Css("#org-add")).await.is_ok()
            || c.find(Locator::Css("#rota select")).await.is_ok()
        {
            return fail("staff are offered to change the organisation");
        }
        c.set_window_size(768, 1024).await?;
        screenshot(c, "organisation-staff-768x1024.png").await?;
        Ok(())
    })
    .await;
}

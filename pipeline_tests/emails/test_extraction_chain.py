"""商流 (pipeline/emails/extraction/chain.py): a candidate's depth from the sender and a
project's limit, in the words dev10 writes them."""

from __future__ import annotations

import pytest

from pipeline.emails.extraction.chain import commercial_depth, max_commercial_depth


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("商流：貴社の協力会社の協力会社まで可", 2),  # the reader's partner's partner
        ("貴社BPの先まで", 2),
        ("貴社パートナー様（個人事業主含む）まで", 1),  # one partner, however it is described
        ("貴社BP様の社員まで", 1),
        ("貴社社員まで", 0),
    ],
)
def test_a_limit_through_the_readers_partners(text: str, expected: int) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("弊社の一次パートナー様（協力会社様）所属の社員となります。", 1),  # a first-tier partner
        ("当社在籍のインフラエンジニアです", 0),
        ("外包公司的外包", 2),
    ],
)
def test_depth_of_a_first_tier_partner_an_own_employee_and_a_vendors_vendor(
    text: str, expected: int
) -> None:
    assert commercial_depth(text) == expected


def test_a_first_interview_is_no_first_tier() -> None:
    assert commercial_depth("一次面談のみです") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("人員限貴司及直接合作夥伴。", 1),  # the reader and its direct partners
        ("贵司员工或其直接合作方员工均可", 1),
        ("商流最多到二级（即贵司的合作伙伴的合作伙伴）。", 2),
        ("商流：贵司的合作伙伴的合作伙伴为限", 2),
        ("外包层级不超过两层", 2),
        ("商流限制：两层", 2),
        ("外包限制：一层", 1),
        ("不接受二层及以上外包", 1),  # a refusal before the count
        ("二层外包不可", 1),  # "二层外包" inside a refusal is no allowance
        ("可接受一层外包，二层外包不可", 1),
        ("Chain: candidates from your direct partners are acceptable; no further tiers", 1),
    ],
)
def test_chinese_and_english_limits_through_the_readers_partners(text: str, expected: int) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A note on the chain: he sits two tiers below us.", 2),
        ("She is one tier below us.", 1),
        ("He works for a second-tier vendor.", 2),
        ("He is our subcontractor's subcontractor.", 2),
        ("a consultant of our subcontractor, Bluefin Systems", 1),  # one company, not two
        ("弊社の協力会社のさらに協力会社に所属されている方となります。", 2),
        ("推荐一位Android工程师，是我司外包商的员工。", 1),  # a vendor's person
        ("是我司外包商的外包商的员工", 2),
    ],
)
def test_depth_in_tiers_below_us_and_a_vendors_vendor(text: str, expected: int) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She is employed directly by our company.", 0),
        ("He is a partner firm's engineer.", 1),
        ("A React developer from one of our partners.", 1),
        ("He is affiliated with our partner Acme.", 1),
        ("He is employed by our partner's vendor.", 2),  # the possessive: two companies
    ],
)
def test_depth_of_our_company_a_partner_firms_engineer_and_one_of_our_partners(
    text: str, expected: int
) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("商流：二级以内", 2), ("商流：限一级", 1), ("商流：最多到二级", 2), ("商流：2", 2)],
)
def test_a_tier_count_under_the_chains_label(text: str, expected: int) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chain | one tier below you at most (your staff or your direct partner's staff)", 1),
        ("two layers below your company at most", 2),
    ],
)
def test_a_limit_in_tiers_below_the_reader(text: str, expected: int) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He is employed by a subcontractor of one of our partner firms, so he would sit two "
            "companies below us.",
            2,
        ),
        ("She is one tier away from us: her employer is our partner.", 1),
        ("A contractor of a vendor of our vendor.", 2),
    ],
)
def test_a_count_of_companies_below_the_sender_in_english(text: str, expected: int) -> None:
    assert commercial_depth(text) == expected


def test_a_limit_in_companies_ahead_of_the_reader() -> None:
    text = (
        "■Commercial flow: up to 1 company ahead of your company. Two or more companies\n"
        "  away is not possible."
    )
    assert max_commercial_depth(text) == 1


def test_a_forwarded_introduction_counts_one_company_further() -> None:
    forwarded = "\n---------- Forwarded message ---------\nFrom: a partner\n\n"
    intro = "取引先から届いた人材情報を転送いたします。"
    assert commercial_depth(intro + forwarded + "弊社の協力会社に在籍している技術者です。") == 2
    assert commercial_depth(intro + forwarded + "我司正式员工一名。") == 1
    # a chain named without its writer is counted from the reader already
    assert commercial_depth(intro + forwarded + "所属：合作公司的合作伙伴（二次合作）") == 2
    # the forwarder's own words win
    assert commercial_depth("弊社BPの社員です。" + forwarded + "弊社の協力会社の社員です。") == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("W2 employee of ours (not a subcontractor)", 0),
        ("他不是我们自己的员工，是我们合作方再往下一家公司的人（二次协力），中间隔了两家。", 2),
        ("◆ 所属：我司BP的协力公司员工（二次）", 2),
        ("我们通过长期合作的供应商为您推荐一位工程师，他是该供应商的在编员工。", 1),
        ("| 雇佣 | 我司契约员工（直接雇佣） |", 0),
        ("As a first step, one of our permanent staff becomes free next month.", 0),
        ("弊社と有期雇用契約を結んでいる社員です", 0),
        ("・立場：弊社のパートナー企業に正社員として在籍", 1),
        ("■商流：弊社 → ベイサイド社（パートナー） → 本人所属のリンクス社", 2),
    ],
)
def test_a_candidates_depth_said_in_prose(text: str, expected: int) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("商流　　　：御社の協力会社に所属の方まで", 1),
        ("恐れ入りますが今回は貴社にご在籍の社員様に限らせてください。", 0),
        ("商流：貴社の一つ先まで", 1),
        ("商流制限：貴社＋1階層まで", 1),
        ("(7) 協力会社様の社員までOK、個人事業主の方はNG", 1),
        ("・商流：只接受贵司自己的社员", 0),
        ("合作方式：请勿转包，仅接受贵司自有工程师", 0),
        ("| 商流 | 贵司合作方的员工为止（再往下不可） |", 1),
        ("⑧商流：可接受到贵司下面两层的人员（2社先）", 2),
        ("我们只和直接供应商合作，推荐的人必须是贵司本身的员工，不接受第三方转介。", 0),
        ("■商流　　：一次协力公司员工为止", 1),
        (
            "Tiers: we accept your W2 employees or a direct subcontractor's W2 employees,\n"
            "  nothing beyond one subcontract layer",
            1,
        ),
        ("Subcontracting: your partners' partners are fine, but nothing beyond that", 2),
        ("Chain: staff of a company under your partner are fine, nothing further down", 2),
        ("・商流：贵司员工，或贵司下面再一家公司的人员为止", 1),
        ("Engineers employed by your partner's subcontractor are welcome.", 2),
        ("Your partners are fine, but not their subcontractors.", 1),
        ("[Commercial flow] your employees, plus freelancers who contract directly with you;", 1),
    ],
)
def test_a_projects_limit_said_in_prose(text: str, expected: int) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("人选并非本公司员工，而是我们合作伙伴「星河互动」的正职工程师，等于中间隔了一家公司。", 1),
        (
            "本人は弊社のパートナーであるアスカ電算様の、さらにお取引先にあたる株式会社ミズホラボの社員"
            "でございます。弊社から見ますと二つ先の会社の所属となります。",
            2,
        ),
        (
            "本人は弊社の社員ではなく、弊社と取引のあるパートナー企業（株式会社ベイクレスト）に所属している"
            "技術者です。",
            1,
        ),
        ("本人は、弊社の取引先であるA社がさらに外注しているB社の社員です。", 2),
    ],
)
def test_a_candidates_depth_said_around_a_negation(text: str, expected: int) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "九、商流：贵司必须是该工程师的直接雇主（正式员工或合同工均可），不接受从其他公司调来的人员",
            0,
        ),
        ("７．商流：可接受贵司协力厂商所属的人员，但再往下一层就不行", 1),
        (
            "On the supply chain: the candidate may be your own employee or an employee of a "
            "company you contract with directly. We cannot accept anyone further down than that.",
            1,
        ),
        (
            "[Chain] Your own employees, or employees of one partner who contracts directly "
            "with you. Anything deeper than that is out.",
            1,
        ),
    ],
)
def test_a_limit_said_as_who_the_client_contracts_with(text: str, expected: int) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "◇商流：弊社のお取引先（株式会社カザミ）が業務を委託している会社の社員です。"
            "弊社から数えると二つ下の階層となります。",
            2,
        ),
        (
            "■所属：弊社大連拠点の協業会社「大連藍橋科技」の社員です（弊社との直接の雇用関係はございません）",
            1,
        ),
        (
            "本人は弊社パートナーの社員ではなく、そのパートナーがさらに契約している会社の所属です。",
            2,
        ),
        (
            "Tidewater do not employ him themselves - he is on the payroll of their subcontractor. "
            "So counted from us he sits two companies down.",
            2,
        ),
    ],
)
def test_more_chains_two_companies_away(text: str, expected: int) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【商流】贵司正式员工，或者与贵司直接签约的公司的员工都可以；比这更深的请不要推荐。", 1),
        (
            "◇ Contract chain: we sign only with the company that directly employs the engineer. "
            "Please do not propose people employed by your partners.",
            0,
        ),
        ("Supply chain: engineers employed by you, or by your direct subcontractor, are fine.", 1),
        (
            "engineers you employ yourselves, or engineers employed by a company you have a direct "
            "contract with; please do not send anyone who sits further down the chain",
            1,
        ),
    ],
)
def test_more_limits_said_as_who_the_client_signs_with(text: str, expected: int) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("なお、今回は御社に直接雇用されている方のみご提案ください。", True, 0),
        ("4. Submitted by the company that employs the candidate.", True, 0),
        ("商流：合同只跟人员所在公司直接签，必须是贵司在职员工", True, 0),
        ("Mr Fernando is employed by Aoi Systems, a partner company of ours.", False, 1),
        (
            "本人は弊社の社員ではなく、弊社と業務委託契約を結んでいるパートナー企業（長崎市）の所属です。",
            False,
            1,
        ),
    ],
)
def test_chains_said_as_employment(text: str, limit: bool, expected: int) -> None:
    assert (max_commercial_depth if limit else commercial_depth)(text) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        (
            "■所属：貴社の正社員・契約社員の方に限ります。パートナー様の要員はご遠慮ください。",
            True,
            0,
        ),
        ("八、所屬：貴司正職，或與貴司直接簽約公司的正職皆可；更下游的人員不予考慮", True, 1),
        (
            "the bank's vendor policy allows the engineer to belong to you or to your direct\n"
            "partner. An engineer from a company two steps away from you cannot be accepted.",
            True,
            1,
        ),
        (
            "» Supply chain: your own W2 staff, or a contractor placed through one partner of "
            "yours.",
            True,
            1,
        ),
        ("one subcontracting layer under you. Beyond that, our procurement team says no.", True, 1),
        (
            "employed by your company or by one partner beneath you; nothing further down the "
            "chain.",
            True,
            1,
        ),
        (
            "本人並非敝司員工，也不是敝司直接合作廠商的員工，而是敝司合作夥伴再轉包的那家公司的正職人員。",
            False,
            2,
        ),
        ("他所在的公司是我们合作方的外包商，所以和我司之间隔了两级。", False, 2),
        (
            "Derek is employed by Finch & Loom, who are a vendor to our vendor, Corvid Systems.",
            False,
            2,
        ),
        (
            "he is not on our payroll. He is a permanent employee of Huaxin Data, our local "
            "partner in "
            "Shanghai.",
            False,
            1,
        ),
    ],
)
def test_chains_said_by_who_is_between(text: str, limit: bool, expected: int) -> None:
    assert (max_commercial_depth if limit else commercial_depth)(text) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("他是我们合作方的合作方再往下一家公司的员工，距我司隔了三家公司。", False, 3),
        (
            "a firm that contracts with our partner, so three companies stand between him and us.",
            False,
            3,
        ),
        ("Supply chain: your own staff or one company below you, not further", True, 1),
        (
            "We can engage your own staff or someone through your direct partner, but not a "
            "further layer down.",
            True,
            1,
        ),
        (
            "we accept engineers employed by you or by a direct partner of yours, nothing deeper.",
            True,
            1,
        ),
    ],
)
def test_counts_of_companies_between_and_limits_through_a_direct_partner(
    text: str, limit: bool, expected: int
) -> None:
    assert (max_commercial_depth if limit else commercial_depth)(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hops: "one hop from you is fine", a refusal said with "is not"
        ("| Chain        | one hop from you is fine; two hops is not    |", 1),
        ("Layers: a single hop is acceptable", 1),
        ("Two hops from your company are fine.", 2),
        ("Vendor chain: two hops from you is not acceptable", 1),
        ("Three tiers are not OK.", 2),
        # a company downstream of the reader, counted
        ("人员所属最远到贵司下游的第一家公司为止。", 1),
        ("可以接受到贵司下游第二家公司的人员", 2),
        # the reader's own hires
        ("| 人员所属   | 必须是贵司自己雇用的工程师,协力公司的人这次不考虑 |", 0),
        ("人员必须是贵公司自己聘用的员工。", 0),
        (
            "The client signs only with the company that employs the engineer, and that company "
            "has to be yours.",
            0,
        ),
        ("We contract only with the firm that employs the consultant.", 0),
        ("the person must be a W-2 / full-time employee of the firm that submits them.", 0),
        ("Candidates must be full-time employees of the company that proposes them.", 0),
        ("We cannot accept anyone subcontracted to you", 0),
        ("Sorry, we won't accept engineers subcontracted to you.", 0),
        # the reader's direct partner
        ("Chain: your staff, or staff of a firm directly under you. nothing deeper", 1),
        ("Chain: employees of yours or of a company under you.", 1),
        (
            "人員的所屬請控制在貴公司，或貴公司直接往來的合作廠商為止，再往下轉包出去的人選我們沒辦法接。",
            1,
        ),
        ("限贵司或贵司直接签约的协力公司为止", 1),
        (
            "・商流：ご提案元の貴社と、貴社が直接お取引されている会社にご所属の方まで"
            "（その先の会社の方はNG）",
            1,
        ),
        ("貴社のお取引先の社員様まで", 1),
        ("貴社お取引先の協力会社まで", 2),  # the partner's partner
    ],
)
def test_limits_in_hops_downstream_companies_and_direct_hires(text: str, expected: int) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("■所属：弊社と直接お取引のあるパートナー企業の正社員", 1),  # a partner's employee
        ("パートナー会社の契約社員です", 1),
        ("所属は弊社のパートナー企業（当該企業の社員）です。", 1),
        ("所属は協力会社となります", 1),
        ("・所属：協業先である株式会社ナニワシステムズの社員", 1),
        ("協業会社である大和テック株式会社の正社員です", 1),
        (
            "Travis is on the payroll of Halvorsen Tech KK, a firm that supplies engineers to us.",
            1,
        ),
        ("She is employed by Kestrel Labs, a company that provides consultants to us.", 1),
        # the count of companies from the sender, said outright
        ("此人與我司之間隔了兩層", 2),
        ("跟我司之间隔了三层", 3),
        ("弊社から見て1階層下の会社に在籍しています", 1),
        ("当社から見ると3階層下の技術者です", 3),
        ("此人受雇于我司合作伙伴的下游协力厂商", 2),  # a partner's downstream vendor
    ],
)
def test_depth_of_a_partners_employee_and_companies_counted_from_us(
    text: str, expected: int
) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the company right below the reader, counted
        ("补充一点:商流最多到贵司的下一家,也就是贵司合作公司自己的员工;再远的就不行了", 1),
        ("人员最多可以到贵公司下两家公司为止", 2),
        # a re-subcontract the reader may not take on, and the proposer's own hires
        ("(パートナー様経由・個人の再委託はお受けできません)", 0),
        ("再委託は受け付けておりません。", 0),
        ("所属: ご提案元の企業に雇用されている社員の方のみ", 0),
        ("提案元会社に在籍している正社員に限ります", 0),
        ("條件二:只接受貴公司直接聘用的員工,協力廠商的人員一律不考慮", 0),
        ("推荐的人必须是贵司直接雇佣的工程师", 0),
        # a company the reader contracts with directly
        (
            "商流:贵司正式员工,或者与贵司直接签约的合作公司的员工都可以;再往下一层的请不要推荐",
            1,
        ),
        ("与贵公司直接签约的合作伙伴所属人员亦可", 1),
        (
            "SUBCONTRACTING:  Your own staff, or staff of a sub you hold the contract with. A sub "
            "of a sub will be rejected.",
            1,
        ),
        ("Engineers must belong to you or to a vendor that you have a direct contract with.", 1),
    ],
)
def test_limits_below_the_reader_re_subcontracts_and_direct_contracts(
    text: str, expected: int
) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a firm under one of the sender's vendors: two companies away
        (
            "Mr. Tanaka is employed by Sakura Densan, a small firm that works under one of our "
            "vendors, Kohoku Systems.",
            2,
        ),
        ("He is with a subcontractor working under our prime vendor.", 2),
        ("She works at a partner company working under our partnership terms.", 1),
        # a trading partner's employee, and what the engineer is not
        ("◆所属:弊社の取引先である株式会社湘南ネットワークの正社員(弊社の社員ではございません)", 1),
        ("弊社のお取引先である株式会社ミナト情報の社員です", 1),
        ("本人は弊社の社員ではございません。", None),
        (
            "弊社の社員ではございません。弊社が直接契約しているパートナー企業"
            "(有限会社ツクイソフト)の正社員です",
            1,
        ),
        ("パートナー会社(株式会社ABC)の契約社員です", 1),
        # a company that works with the sender
        ("先说明一下商流:他是和我们长期合作的一家公司的员工,不是我司直接雇用的。", 1),
        ("这位工程师是与我司合作的公司的正式员工", 1),
    ],
)
def test_depth_under_our_vendor_at_a_trading_partner_and_at_a_company_we_work_with(
    text: str, expected: int | None
) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a partner's people, the value broken over lines or said with 籍
        (
            "【商流】御社の社員様、または御社と直接ご契約されているパートナー様に\n"
            "　　　　所属されている方までとさせてください。"
            "その先の会社に籍がある方はお受けできません。",
            1,
        ),
        ("商流：貴社社員、または貴社と直接契約している協力会社に\n　　　ご所属の方まで", 1),
        ("商流：貴社のパートナー様に籍を置く方まで", 1),
        # the chain stops at the reader
        ("商流…………弊社の次は御社で止まる形でお願いします。", 0),
        ("※商流は貴社止まりでお願いいたします。", 0),
        ("本件は貴社様にて止まる形でご提案ください", 0),
        # the reader's own hires, said by who pays or signs them
        ("・人员须为贵司直接雇佣、签有劳动合同的员工;转包来的人员一律不收", 0),
        ("必须是贵司直接聘用并缴纳社保的员工", 0),
        ("人员必须是贵司自己发工资的员工，合作伙伴派来的也不行。", 0),
        ("候选人须是贵公司自己发薪的工程师", 0),
        (
            "One condition from our side: we can only take engineers employed by your company "
            "itself.",
            0,
        ),
        ("We only accept consultants directly employed by your firm.", 0),
        # a company the reader subcontracts to, one partner of the reader's
        (
            "| Supply chain  | Your own staff, or staff of a company you subcontract to      |\n"
            "|               | directly. A third company in between is a no.                 |",
            1,
        ),
        ("Chain: your staff, or engineers of a firm you subcontract to directly.", 1),
        (
            "Chain: engineers from your company, or from one partner of yours, are fine; someone "
            "sourced through a partner's partner is not",
            1,
        ),
        ("Candidates can come from you or via a partner of yours; nothing deeper.", 1),
    ],
)
def test_limits_said_by_who_pays_where_the_chain_stops_and_a_partner_of_yours(
    text: str, expected: int
) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a trading partner's person, said with 籍
        ("JBoss 保守の件、弊社の取引先に籍を置いている方を1名ご提案させてください。", 1),
        ("パートナー企業に籍がある技術者です", 1),
        # a partner named in brackets
        ("所属　　　　　弊社と直接取引のある協業会社（株式会社ホクトリンク）の社員", 1),
        ("所属：協業先（合同会社ミドリテック）の社員です", 1),
        ("他是我们长期合作的一家协力公司（苏州）的正式员工，并不是我司直接雇佣的。", 1),
        ("这位是外包企业（成都）的在编员工", 1),
        # the companies between, counted with 离 / 隔着
        (
            "张先生并不是我司或我司直接合作方的员工，而是我们合作伙伴下面一家供应商的人，"
            "离我司隔着两家公司。",
            2,
        ),
        ("和我们中间隔着一家公司", 1),
        ("此人離敝司隔著兩層", 2),
    ],
)
def test_depth_said_with_a_seat_a_bracketed_partner_and_companies_between(
    text: str, expected: int
) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("推荐一位由我司直接雇佣并发薪的工程师。\n\n上海市杨浦区政立路485号 国正中心3号楼12层", 0),
        ("- 雇佣关系：我司正式员工，不是合作公司的人员", 0),
        ("推荐的是我司合作伙伴的合作伙伴（2层）的员工", 2),
    ],
)
def test_a_floor_in_an_address_is_no_layer_and_a_partner_denied_is_none(
    text: str, expected: int
) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a partner or a trading company named with である / 取引のある
        ("弊社のパートナーである株式会社ナガレ情報に在籍している方です", 1),
        ("当社の協力会社である有限会社ミナトソフトに所属するエンジニアです", 1),
        ("所属：弊社と取引のある株式会社ユウキ電算の社員で、弊社の社員ではございません", 1),
        ("弊社と以前から取引がある株式会社サクラ技研の契約社員です", 1),
        ("当社と取引している会社にご所属の方をご紹介します", 1),
        ("所属　弊社が直接お取引している協力会社にご在籍の方です（弊社の社員ではございません）", 1),
    ],
)
def test_depth_of_a_partner_named_with_dearu_or_torihiki(text: str, expected: int) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("| 商流 | 御社の所属の方、または御社と直接ご契約の会社に所属の方まで |", 1),
        ("貴社と契約している企業の社員まで", 1),
        ("貴社の契約社員まで", 0),  # 契約社員 is the reader's own
        (
            "Supply chain .. your own staff, or staff employed by a company\n"
            "                that contracts with you directly.",
            1,
        ),
        ("staff of a firm which\n   contracts with you directly are welcome", 1),
        ("the client signs only with the company that actually employs the engineer", 0),
        ("the engineer must be directly employed by the company that submits them", 0),
        ("Candidates should be hired by the firm which proposes them.", 0),
    ],
)
def test_limits_said_as_a_contracting_company_or_the_submitting_employer(
    text: str, expected: int
) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The engineer must belong either to you or to a company you deal with directly.",
            1,
        ),
        ("Staff of firms that deal directly with you are welcome.", 1),
        ("people at a partner who works with you directly are fine", 1),
        (
            "| Supply | your employees, or employees of your direct partner; we can't |\n"
            "|        | accept anyone from a third company |",
            1,
        ),
        ("Engineers from your direct subcontractors can be proposed.", 1),
    ],
)
def test_limits_said_as_a_company_you_deal_with_or_your_direct_partners_staff(
    text: str, expected: int
) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【所属】我们合作公司再下面一家公司的员工", 2),
        ("他是我司合作方再下游的一家企业的工程师", 2),
        ("所属：我们合作伙伴再往下面1家公司", 2),
        ("他是我们合作公司的员工", 1),  # the partner itself, no company below it
    ],
)
def test_depth_of_a_company_one_further_below_our_partner(text: str, expected: int) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the world's words
        ("所属　：貴社プロパーの方、または一社を挟んだ先の方までご提案可能です", 1),
        ("商流：贵司的员工，或者贵司直接合作伙伴公司的员工都可以，再往下一层的就不考虑了", 1),
        ("人员：只接受贵司自己的在职员工，协力公司的人员恕不受理", 0),
        ("- Engineers employed by your company, or by a company one step below you.", 1),
        # varied words
        ("商流：貴社社員様、もしくは1社挟んだ先の方まで", 1),
        ("人员：贵公司员工，或者直属合作公司的员工都行", 1),
        ("仅接受贵公司本身雇用的正职员工", 0),
        ("Staff of your firm, or of a firm one level beneath you, are welcome.", 1),
    ],
)
def test_limits_said_with_the_company_in_between_or_a_comma_before_or(
    text: str, expected: int
) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the world's words
        ("这位工程师是我们合作方的协力公司派出的人员（也就是隔了两家公司）", 2),
        ("なお所属につきまして、弊社の取引先のさらに先の会社の社員となります", 2),
        # varied words
        ("本人所在公司算下来隔了两家，单价可谈", 2),
        ("所属：敝司合作公司的协力公司", 2),
        ("当社お取引先の更に先の企業に在籍されている方です", 2),
    ],
)
def test_depth_of_a_partners_partner_and_two_companies_in_between(text: str, expected: int) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 先に: further on
        ("商流: 御社のプロパーの方、または御社の先に一社までの企業に在籍の方", 1),
        ("御社から見て一段先の企業にご所属の方までとさせてください", 1),  # a step for a company
        ("人员：贵司员工，也可以是和贵司直接签约的合作公司的人", 1),  # 和 for 与
        ("人员所属：贵司正职员工，或跟贵司直接签约之下包厂商的员工", 1),
        ("要求：人员须与推荐公司本身签有劳动合同。", 0),
        ("贵司从其他公司借来的人员，这次请不要推荐。", 0),
        ("Candidates must be employed by the firm that signs the contract with us.", 0),
        ("We don't accept engineers that your firm brings in from another company.", 0),
        # not a limit: a step of the work, and someone else's staff welcomed
        ("一段先の工程まで担当いただきます", None),
        ("贵司从其他公司借来的人员也可以推荐", None),
    ],
)
def test_limits_with_a_step_a_direct_contract_or_a_labour_contract(
    text: str, expected: int | None
) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a chain on the line under its heading, drawn with box rules
        ("■商流（ご参考）\n　エンド ─ 貴社 ─ 弊社 ─ A社（弊社BP）─ B社（本人所属）", 2),
        ("So there are two companies between her and Northwind Staffing.", 2),
        ("That leaves one company between us and him.", 1),
        ("所属：弊社と準委任契約を締結している株式会社サンプルの社員", 1),
        ("所属：弊社と雇用契約を結んでいる社員です", 0),  # 雇用契約: the sender's own
        ("所属：株式会社サンプル（弊社のパートナー）に在籍", 1),
        ("当社がお付き合いしているパートナー会社（都内のSIer）にお勤めの方です", 1),
        ("所属：弊社パートナー企業「株式会社サンプル」の社員", 1),
        ("所属：我司合作伙伴“株式会社サンプル”的正式员工", 1),
        ("他的劳动合同在我们的合作单位，不在我司", 1),
        ("需要说明：他的雇主是和敝司合作多年的一家协力公司", 1),
        ("Maria is their employee, not ours.", 1),
        ("所属：我司和她的雇主之间隔着一家公司", 2),
        ("雇佣关系：我司直接雇用的正式员工，不是外包或合作公司的人员", 0),
        ("弊社で直接雇用しているエンジニアです", 0),
        ("他是我们公司自己雇用的员工", 0),
        ("是我司上海分公司直接聘用的员工", 0),
        ("Employment: staff of Acme KK, billed by us with no other company in between", 0),
        ("We employ her directly, full time.", 0),
        ("She is employed by our Singapore entity.", 0),
        ("employee of Acme Japan G.K., our subsidiary", 0),
        ("He is employed by Acme Partners itself.", 0),
        ("Full-time employee of Acme Cyber, the vendor submitting him", 0),
        # not a depth: the sender's own time line, a step of the process
        ("弊社で雇用調整助成金を申請しました", None),
    ],
)
def test_depth_said_as_a_contract_a_bracketed_partner_or_a_count_between(
    text: str, expected: int | None
) -> None:
    assert commercial_depth(text) == expected


def test_a_note_forwarded_by_a_colleague_counts_from_the_same_company() -> None:
    text = (
        "Forwarding my colleague's note below.\n\n"
        "---------- Forwarded message ----------\n"
        "From: A <a@example.com>\n\nHe is employed by our Japan entity.\n"
    )
    assert commercial_depth(text) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("人员要求：贵司直接签约的下游公司派来的工程师也可以，再往下的不考虑", 1),
        ("合作方式：貴公司直接配合的外包團隊成員也 OK，再往下轉包的不考慮", 1),
        (
            "Only people employed by your company or by a firm that has its own direct contract "
            "with you.",
            1,
        ),
        ("Contracting: we sign only with the company that is the consultant's own employer.", 0),
        # the reader's own people only: no partner let in
        ("人员所属：只接受贵司自己的员工", 0),
    ],
)
def test_limits_said_as_a_direct_contract_with_the_reader_or_the_own_employer(
    text: str, expected: int
) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sender's own, said by a branch, a labour contract, a studio, a join date
        ("所属：我司大阪分公司的正式员工", 0),
        ("劳动合同和社保都在我司这边", 0),
        ("雇佣：和我司签了无固定期限劳动合同的员工", 0),
        ("推荐我们团队的一位同事", 0),
        ("所属：本公司在籍员工", 0),
        ("所属：本公司正式签约的员工，中间没有其他公司", 0),
        ("対象者は中途で当社に入社した社員です", 0),
        ("弊社で正規雇用している技術者です", 0),
        ("He is permanent staff of our Osaka branch.", 0),
        ("Employment: salaried employee of Acme Labs (our company)", 0),
        ("She was hired by us directly in 2020.", 0),
        ("employed directly by Acme (there is no other company between him and us)", 0),
        ("a developer on our payroll (no sub-vendor is involved)", 0),
        # "nobody between" said of a partner named just before: the partner's employee
        ("他是A公司的员工，A公司是我司的直接合作方，中间没有别的公司", 1),
        # a partner's employee, said with 正社員として, an appositive, a denied employer
        ("弊社が以前からお取引している株式会社サンプルに正社員として在籍しております", 1),
        (
            "本人の雇用元は弊社ではございません。弊社と直接契約している株式会社サンプルに正社員として在籍",
            1,
        ),
        ("She is employed by Acme Inc., a partner company that contracts with us directly.", 1),
        ("He is their staff member, not ours.", 1),
        # two companies away
        ("而是我们的合作厂商（某某资讯）再往下发包的那家公司的正职人员", 2),
        ("弊社と本人の所属会社の間にもう1社入っております", 2),
        ("弊社の取引先が、さらに業務をお願いしている会社の社員です", 2),
        ("本人の所属はA社で、A社は当社のパートナーであるB社の下請けです", 2),
        ("A社は弊社と直接の取引がなく、取引先のB社経由でのご紹介です", 2),
        ("He is employed by Acme, which is a supplier to our partner Beta.", 2),
        ("Her employer supplies engineers to Beta, and Beta is the partner that supplies us.", 2),
        # not this: a denied partner, a denied employee of ours
        ("他不是我们的员工，也不是我们直接合作厂商的员工，而是合作厂商再往下发包的公司的人", 2),
        ("She is not one of our people; she works for a partner company of ours.", 1),
    ],
)
def test_depth_said_by_a_branch_a_labour_contract_or_who_stands_between(
    text: str, expected: int
) -> None:
    assert commercial_depth(text) == expected


def test_the_employer_named_in_the_signature_is_the_sender() -> None:
    text = (
        "Dear Tanaka-san,\n\nEmployment : full-time employee of Acme Infotech\n"
        "Skills      : Java 8 years\n\nRegards,\nRavi\nAcme Infotech Pvt. Ltd.\n+91 80 1234 5678\n"
    )
    assert commercial_depth(text) == 0
    # an employer the signature does not name is not the sender's
    other = text.replace("employee of Acme Infotech", "employee of Beta Systems")
    assert commercial_depth(other) is None


def test_words_that_look_like_a_new_form_but_are_not() -> None:
    # the engineer, not the employer, has no direct contract: a partner's own employee
    assert commercial_depth("本人は弊社と直接の契約はなく、協力会社の社員です") == 1
    # a one-line text has no signature: the employer named is not thereby the sender
    assert commercial_depth("He is employed by Acme, which supplies engineers to us.") is None
    assert commercial_depth("Acme is a supplier to our client.") is None
    # a direct partner refused is no allowance of one
    assert max_commercial_depth("贵司直接签约的下游公司不可") is None


def test_the_own_engineer_said_plainly_is_no_depth() -> None:
    # "弊社のエンジニアをご紹介": an introduction, not a statement of the chain
    assert commercial_depth("弊社のエンジニアをご紹介させていただきます。") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count of companies from the reader, "N社目" (the Nth company)
        ("商流：貴社から数えて一社目に在籍の方までとします", 1),
        ("商流：貴社を起点に二社目の方まで可、三社目以降はご遠慮ください", 2),
        ("三社目以降の方は不可です", 2),
        # a limit written as the chain it allows
        ("契約：弊社⇔貴社⇔要員の所属会社、までといたします", 1),
        ("契約：弊社→貴社→技術者まで", 0),
        # "与贵司签约的伙伴公司", "贵司下游协力公司"
        ("请推荐贵司员工，或与贵司签约的伙伴公司的员工；再往下的不考虑", 1),
        ("贵司员工，或贵司下游协力公司的员工均可", 1),
        # the reader's own staff, with what it does for them in between
        ("人员须为在贵司参加社保的正式员工", 0),
        ("Please submit only engineers employed by your own company.", 0),
        ("Only submit people hired directly by your firm.", 0),
    ],
)
def test_limits_said_as_the_nth_company_a_written_chain_or_the_readers_own_staff(
    text: str, expected: int
) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the writer's own people
        ("所属：我司大阪分公司签约的正式员工，不经过其他公司", 0),
        ("所属：敝司签约的合同制员工", 0),
        ("身份：本公司在编员工", 0),
        ("当社が直接雇用しているエンジニアです", 0),
        ("当社所属のデザイナーをご提案します", 0),
        ("Status: contract developer (our own consultant)", 0),
        # a partner's people
        ("所属：我司多年协作的东洋技研株式会社的在职员工", 1),
        ("所属：我司的合作企业「株式会社ミドリ」的社员", 1),
        ("他所属的是和我司合作多年的一家协力企业", 1),
        ("这位是我们协力厂商的正式员工，不是本公司直接雇用的", 1),
        ("所属：弊社と取引のある会社にて社員として勤務", 1),
        ("He is on the payroll of our Osaka partner firm.", 1),
        ("Employer: Nimbus Labs, our delivery partner", 1),
        # two or three companies away
        ("她的公司是我司合作方的下包公司", 2),
        ("从我司数起，中间隔着两家公司", 2),
        ("他的雇主和我们之间有人；他离敝司有两家公司", 2),
        ("从我司算起，他属于第二家公司", 2),
        ("弊社から数えて3社目の会社の社員です", 3),
    ],
)
def test_depth_said_as_the_nth_company_a_branch_contract_or_a_partner_named(
    text: str, expected: int
) -> None:
    assert commercial_depth(text) == expected


def test_new_forms_that_are_not_a_depth_or_a_limit() -> None:
    # a greeting to the reader's partners and a chain above the sender set no limit
    assert max_commercial_depth("各位合作伙伴：贵司协力公司各位好") is None
    assert max_commercial_depth("商流：エンド⇔元請⇔弊社") is None
    # an introduction of "one of ours" states no chain
    assert commercial_depth("向您推荐我司一名工程师") is None
    assert commercial_depth("当社エンジニアをご紹介します") is None
    # a count of months, not of companies
    assert commercial_depth("从我司算起第三个月开始可以入场") is None
    # a partner named as the client, not as the employer
    assert commercial_depth("协力厂商的项目经验丰富") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the writer's own people, in Japanese
        ("AKSの募集を拝見し、弊社駐在員の大西をご紹介させていただきます。", 0),
        ("本町のPI/PO案件、うちの社員の宮内がスキル的にはぴったりです。", 0),
        ("会員アプリの件、弊社の正規雇用の社員をご提案いたします。", 0),
        ("◇ 弊社との関係：弊社の直接雇用", 0),
        ("12月から動ける弊社雇用のエンジニア（日本国籍）がおります。", 0),
        ("Req 4471につきまして、弊社直雇用のエンジニアをご提案いたします。", 0),
        ("WebLogic 基盤更改の件、当社のエンジニア（自社雇用）がちょうど空きます", 0),
        ("Backbone.jsのご案件、弊社大連拠点の社員が条件に合いそうです。", 0),
        ("弊社大連オフィス所属の社員を1名ご紹介いたします。", 0),
        ("弊社と契約社員として雇用契約を結んでいるL.Qをご紹介いたします。", 0),
        ("監視基盤案件について、当社に籍を置く社員をご紹介いたします。", 0),
        ("Notes エンジニア（弊社の登録技術者ではなく、社員です）をご紹介します。", 0),
        ("横浜の IDMS 移行のお話、ちょうど合いそうな社員がおりました。", 0),
        ("OutSystems案件、弊社メンバーに条件の合う者がおりますのでご紹介させてください。", 0),
        # a freelancer under the writer is a company of their own: no 0
        ("弊社所属のフリーランスエンジニアをご紹介いたします。", None),
    ],
)
def test_depth_of_the_writers_own_people_in_japanese(text: str, expected: int | None) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the writer's own people, in Chinese
        ("我司有一位员工背景很匹配：他住在横滨市港北区。", 0),
        ("看到贵司品川的ETL案件，推荐我司一名正式员工给您参考。", 0),
        ("我司（杭州智汇通软件日本株式会社）有一位员工正好合适：", 0),
        ("我司（上海云帆信息技术）在日员工一名，简历如下：", 0),
        ("本公司有一位同仁条件相符，资料如下。", 0),
        ("所属：我司正社员", 0),
        ("・身份：本公司正式职员", 0),
        ("◆ 身分：敝司正职", 0),
        ("身份：本公司在编正式员工，劳动合同直接与我司签订", 0),
        ("他是我们公司自己的社员，不是外包过来的。", 0),
        ("推荐我们自己公司的一位员工：", 0),
        ("针对大阪的NetSuite岗位，我们推荐自己公司的员工周工：", 0),
        ("各位好，提供一名我司自有的前端工程师：", 0),
        ("推荐一位我们自己的顾问：", 0),
        ("关于名古屋的VBScript案件，我们有一位自家员工想推荐给您：", 0),
        ("是本公司自己聘用的正职员工（不是向合作伙伴借调的人）", 0),
        ("推荐我司自己雇佣的工程师一名（没有中间公司）：", 0),
        ("推荐我们公司直接雇用的一位工程师。", 0),
        ("推荐本公司正式雇用的一位工程师：", 0),
        ("所属：本公司直接聘用", 0),
        ("▸ 所属：和我们公司签的劳动合同", 0),
        ("推荐一位我们这边的全职员工，基本情况如下：", 0),
        ("推荐我们公司的一名老员工（正式社员）。", 0),
        ("贵司的远程Power BI项目，我们想推荐一位同事：", 0),
        ("我们有一位同仁很适合：", 0),
        ("这位在福冈的同事正在找下一个项目。", 0),
        ("想推荐我司派遣在外的一位正式员工吴先生。", 0),
        ("推荐敝司派驻日本的同仁一位：", 0),
        # a colleague who wrote the profile is not the engineer
        ("下面是我们同事整理的候选人资料，我直接转给您。", None),
        # nobody between the writer and a partner named before: the partner's person
        ("我司长期合作伙伴“株式会社アオバ”的正式员工，我司与该公司之间没有其他公司。", 1),
    ],
)
def test_depth_of_the_writers_own_people_in_chinese(text: str, expected: int | None) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the writer's own people, in English
        ("He is on a contract with us directly (our own contractor, no intermediaries).", 0),
        ("Tomasz is a full-time consultant of ours.", 0),
        ("We'd like to put forward Y.C., a salaried analytics engineer of ours.", 0),
        ("・Oliver Pennington, a direct hire of ours", 0),
        ("・Employment: a permanent staff member of ours", 0),
        ("She is a salaried engineer on our own team.", 0),
        ("J. Tran has been with us as a salaried employee for four years.", 0),
        ("Mr. D.L. has worked for us as a permanent employee since 2020.", 0),
        ("He has been with our company as a full-time employee for six years.", 0),
        ("He has been a salaried engineer with us for four years.", 0),
        ("She is a full-time employee here at Tidewater Systems, not a contractor.", 0),
        ("A quick profile of one of the consultants we employ directly:", 0),
        ("I would like to propose Jae-hoon P., whom we employ full-time.", 0),
        ("-- Engagement: through our company directly", 0),
        ("He would come to you directly from our company with no partner in between.", 0),
        ("・Employment: full-time staff of Northwind, on our books, not a contractor", 0),
        ("We'd like to put forward Aya, a permanent member of our own engineering staff.", 0),
        ("Here is a consultant from our Shanghai bench.", 0),
        # the project, not the engineer, came through the partner
        (
            "I saw your Adabas migration project through a partner and would like to introduce "
            "one of our employees.",
            0,
        ),
        ("We saw your order-platform opening through our partner network.", None),
        ("He joined the project through a partner.", 1),  # the engineer's own route
        # a partner's people
        ("Our partner asked us to share their employee, Ms. Ana Ribeiro, for your role.", 1),
        ("Forwarding a profile from our partner Hoang Recruiting, who employs him.", 1),
    ],
)
def test_depth_of_the_writers_own_people_in_english(text: str, expected: int | None) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the employer named is the writer's company when the closing lines carry its name
        ("  Employment .......... a full-time hire on Kestrel's own books\n", 0),
        ("  Salaried staff at Kestrel Bridge (not a contractor of ours)\n", 0),
        (
            "Mr. Tran, a permanent staff member directly employed\n"
            "by the Japan branch of Kestrel.\n",
            0,
        ),
    ],
)
def test_an_employer_named_in_new_ways_is_the_signing_company(text: str, expected: int) -> None:
    signed = f"Hi,\n\n{text}\nKind regards,\nMarcus Teo\nAccount Director, Kestrel Bridge K.K.\n"
    assert commercial_depth(signed) == expected
    assert commercial_depth(signed.replace("Kestrel Bridge K.K.", "Other Works K.K.")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a partner's people and a partner's partner's
        ("◆所属：弊社BP（株式会社アルテ）の、さらに協力会社の社員になります", 2),
        ("他是我们合作伙伴公司的正职，不是本公司员工（也就是隔一层）。", 1),
        ("所属は弊社と直接取引のある協力会社で、その会社の社員です。", 1),
        ("天神のRAG案件に、当社と直接取引のある協力企業所属のエンジニアをご提案します。", 1),
        ("所属：与我司直接签约的一家软件公司的在职员工", 1),
    ],
)
def test_depth_of_a_bracketed_partners_partner_and_a_partners_regular(
    text: str, expected: int
) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("【商　　流】限贵司员工或贵司一社先人员，再往下请勿推荐", 1),  # the Japanese 社先
        ("・商流：貴社のパートナーのそのまたパートナーまで可（それ以上はご遠慮ください）", 2),
    ],
)
def test_limits_in_companies_ahead_of_the_reader_and_a_partners_partner(
    text: str, expected: int
) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sender's own people: a US W-2 employee said in Chinese, a branch or centre of its own
        ("推荐一位候选人，他是我司的 W2 全职员工。", 0),
        ("他是我司W2员工。", 0),
        ("贵司的项目，我司大连开发中心有一位员工可以参与。", 0),
        ("我司深圳研发中心的正式员工一名：", 0),
        ("我司合作中心有一位员工", None),  # (no branch of the sender's)
        # "no subvendor" beside the employer: nobody between
        ("* Employment: full-time employee of Cebu Lantern Tech (no subvendor)", 0),
        ("Employer: our partner Kaiyo Tech (no subcontractor beyond them)", 1),
    ],
)
def test_depth_of_a_w2_employee_a_branch_centre_and_no_subvendor(
    text: str, expected: int | None
) -> None:
    assert commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("| Commercial flow | Your company's direct employees ONLY (no partner staff) |", 0),
        ("Chain: your own full-time staff only", 0),
    ],
)
def test_a_limit_to_the_readers_direct_employees(text: str, expected: int) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the reader's own staff, its partner's refused beside them
        ("注意商流限制：只接受贵司正式员工，贵司协力公司的人员不接受（再委托不可）。", 0),
        # the reader's direct partner's people let in, the next company refused
        ("商流：贵司自己的人、或贵司直接合作方的人可以，再往下就不行了", 1),
        ("供应商要求：只收贵司自有员工，或贵司直接合作伙伴派出的人员；再往下转包的一律不收", 1),
        (
            "Proposals welcome (your own staff, or one company beyond you - no deeper than that).",
            1,
        ),
        # a car maker's tier-1 supplier is the client, no limit
        ("敝司承接日本车厂一级供应商的仪表板 HMI 项目", None),
    ],
)
def test_limits_with_a_refused_partner_a_direct_partners_people_and_a_client_tier(
    text: str, expected: int | None
) -> None:
    assert max_commercial_depth(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("EMPLOYMENT: our contract employee", 0),
        ("看到贵司的职缺，想推荐敝公司的一位正职工程师。", 0),
        ("推薦我哋公司嘅全職同事一位：", 0),  # Cantonese
        ("ご案内の案件に、弊社W2社員をご紹介いたします。", 0),
        ("• Employer: Hakata Codeworks (our direct partner; he is their employee)", 1),
    ],
)
def test_depth_of_a_contract_employee_a_qualified_one_of_ours_and_a_bracketed_partner(
    text: str, expected: int
) -> None:
    assert commercial_depth(text) == expected


def test_a_forwarded_summary_closed_by_a_rule_above_the_forwarders_signature() -> None:
    mail = (
        "Hi Ms. Qian,\nPlease see our designer below.\n"
        "-------- Forwarded summary --------\n"
        "Designer: Nguyen Thi Mai\nStatus: full-time employee of Saigon Pixel Works\n"
        "-----------------------------------\n"
        "Warm regards,\nTran Minh Khoa\nBusiness Development, Saigon Pixel Works JSC\n"
    )
    assert commercial_depth(mail) == 0
    # without the closing rule the forwarded writer's employee is the forwarder's partner's
    assert commercial_depth(mail.replace("-----------------------------------\n", "")) == 1

"""Classification (pipeline/emails/classification.py) on layouts and phrasings the labelled
fixture does not use: story-told requests, first-person seekers, replies that decline or
propose, vendor paperwork, invitations, interview logistics, in ja / zh / en."""

# ruff: noqa: E501  (the cases are whole mails, one a line, easier to read unwrapped)
from __future__ import annotations

import pytest

from pipeline.emails.classification import EmailForClassification, classify_by_rules
from pipeline.emails.parsing import detect_language

CASES = [
    (
        "other",
        "Re: Thank you",
        "Hi Mark,\nThank you for taking the time to speak with me yesterday about the Data Engineer role. I enjoyed learning about the team and look forward to hearing from you.\nBest,\nAnita",
    ),
    (
        "other",
        "Q2 staffing market report",
        "Our Q2 report is out: demand for cloud engineers rose 12%, contract rates for senior Java developers averaged $78/hr, and remote roles fell to 31% of postings. Download the full report on our website.",
    ),
    (
        "other",
        "Position filled - Java Developer (Req 4410)",
        "Hi partners,\nThe Java Developer position (Req 4410) has been filled. Thank you for your submissions. We will share new requirements soon.",
    ),
    (
        "other",
        "Invitation: Tech recruiting meetup, June 12",
        "Join us for an evening of networking with recruiters and hiring managers. Drinks and snacks provided. RSVP by June 5.",
    ),
    (
        "other",
        "Updated W-9 and COI needed",
        "Hi,\nOur records show your certificate of insurance expired last month. Please send an updated COI and W-9 so we can continue processing payments to your consultants.",
    ),
    (
        "other",
        "Payment remittance advice",
        "Please find the remittance advice for invoices 2231 and 2232, paid by ACH today. Amount: $18,400.",
    ),
    (
        "other",
        "Happy holidays from the team",
        "Wishing all our partners a happy holiday season. Our office will be closed Dec 24-26.",
    ),
    (
        "other",
        "Out of Office: Re: Requirement",
        "I'm currently out of the office with limited access to email and will return on Monday. For urgent matters contact hr@example.com.",
    ),
    (
        "other",
        "Congratulations on the placement!",
        "Great news - Ravi accepted the offer and starts Monday. Thanks for the partnership on this one. Onboarding paperwork will follow from HR.",
    ),
    (
        "candidate",
        "Available: Sr. Python Developer | Remote | H1B",
        "Hi,\nHope you are doing great!\nI have a Sr. Python Developer available for new projects.\nExperience: 9 years\nVisa: H1B\nLocation: Remote / open to relocate\nRate: $65/hr C2C\nPlease let me know if you have any suitable requirements.\nThanks",
    ),
    (
        "candidate",
        "Resume - Java Developer",
        "Hi Recruiter,\nPlease find attached the resume of my consultant for your Java Developer requirement. He has 10 years of Java and Spring experience and is available immediately.\nRate: $70/hr\nThanks",
    ),
    (
        "candidate",
        "Bench consultants available",
        "Hello Partner,\nWe have the following consultants on our bench:\n- .NET Developer, 8 years, Houston TX\n- QA Automation, 6 years, remote\n- Salesforce Admin, 5 years, NJ\nPlease share your hot requirements.",
    ),
    (
        "candidate",
        "Re: Data Engineer requirement",
        "Hi Priya,\nI have a strong match for this role. Please find the candidate details below:\nName: Arjun S\nLocation: Austin, TX\nVisa: GC\nExperience: 11 years\nRate: $80/hr\nLet me know a good time for a call.",
    ),
    (
        "candidate",
        "Introducing a DevOps engineer",
        "Hello,\nI would like to introduce Maria, a DevOps engineer with 8 years of experience in AWS, Terraform and Kubernetes. Maria is a US citizen based in Phoenix, AZ and is looking for her next contract. Her expected rate is $90/hr.",
    ),
    (
        "project",
        "Urgent: Java Developer | Phoenix, AZ | C2C",
        "Hi,\nHope you are doing well.\nPlease find the job details below and let me know if you have any suitable candidates.\nRole: Java Developer\nLocation: Phoenix, AZ (Day 1 onsite)\nDuration: Long term\nSkills: Java, Spring Boot, Microservices\nRate: $60/hr C2C",
    ),
    (
        "project",
        "Looking for a Salesforce Architect",
        "We have an immediate need for a Salesforce Architect for our client in Dallas. 10+ years required, CPQ experience a must. Hybrid 3 days onsite. Please send profiles with rate and visa.",
    ),
    (
        "project",
        "Contract opportunity - React developer",
        "Hi team,\nA client of ours is hiring a React developer for a 6 month contract, fully remote. Must have React, TypeScript and Redux. Budget $55-65/hr. Let me know who you have.",
    ),
    (
        "project",
        "Job Description: Data Analyst",
        "Job Description:\nResponsibilities: build dashboards in Tableau, write SQL\nQualifications: 4+ years of data analysis\nLocation: Minneapolis, MN\nType: Contract, W2 only",
    ),
    (
        "project",
        "Need: Network Engineer - Cisco",
        "Need a Network Engineer with Cisco and Palo Alto experience. Onsite in Atlanta. 12 months. Rate open. Local candidates only.",
    ),
    (
        "other",
        "Re: Submission for Java Developer",
        "Thanks for the profile. We already have this candidate submitted through another vendor, so we can't consider him. Please check before submitting.",
    ),
    (
        "other",
        "Rate increase notice",
        "Effective July 1 our bill rates for all active consultants will increase by 3% per the MSA. Please update your purchase orders.",
    ),
    (
        "other",
        "Background check completed",
        "Hi,\nThe background check for your consultant has cleared. He can start on Monday as planned. Please ensure his timesheet access is set up.",
    ),
    (
        "candidate",
        "Java/AWS consultant - ready to deploy",
        "Good morning,\nOur consultant Suresh just finished his engagement at a major bank and is ready for his next assignment. 12 yrs Java, 5 yrs AWS. Currently in Charlotte, NC; willing to travel. H1B, transfer ready. $72/hr C2C.\nRegards",
    ),
    (
        "candidate",
        "Profile for your consideration",
        "Hello,\nSharing the profile of Li Wei, a full-stack engineer (React, Node.js) with 6 years of experience. She is based in San Jose and open to hybrid work. Expected compensation: $70/hr on W2.",
    ),
    (
        "candidate",
        "FW: Candidate resume",
        "FYI - see resume below from our partner.\n\nName: Tom B.\nTitle: Cloud Architect\nCerts: AWS SA Pro, CKA\nLocation: Remote (EST)\nAvailability: 2 weeks\nRate: $100/hr",
    ),
    (
        "candidate",
        "Looking for a new role - Senior QA",
        "Hi,\nI am a Senior QA engineer with 9 years of experience in Selenium and Cypress, currently looking for my next contract. I am a Green Card holder based in New Jersey. Please let me know if you have any openings.",
    ),
    (
        "project",
        "Hiring: Mainframe developer",
        "Our banking client needs 2 mainframe developers (COBOL, JCL, DB2). Location: Columbus, OH, hybrid. 18 month project. Submit your consultants with rate and RTR.",
    ),
    (
        "project",
        "Position open - Scrum Master",
        "Position: Scrum Master\nClient: Fortune 500 retailer\nLocation: Remote\nContract length: 6 months, extension likely\nPay: up to $65/hr\nInterested? Reply with an updated resume.",
    ),
    (
        "project",
        "Opportunity - ServiceNow Developer",
        "Hello partners,\nWe've got a new ServiceNow Developer opportunity with a healthcare client. 5+ years ServiceNow, ITSM module. Remote. C2C accepted. Let me know if you have anyone.",
    ),
    (
        "project",
        "RFQ: 3 Python engineers for data platform",
        "We are requesting quotes for three Python engineers to join a data platform team for 9 months starting in July. Please reply with candidates and rates by Friday.",
    ),
    (
        "other",
        "Monthly newsletter - June edition",
        "In this edition: top interview tips, the hottest skills of 2026, and a spotlight on our consultant of the month. Click here to read more. To stop receiving these emails, unsubscribe.",
    ),
    (
        "other",
        "Please sign: NDA for new client",
        "Hi,\nBefore we can share requirements from our new client, please sign the attached NDA via DocuSign. Let me know if you have questions.",
    ),
    (
        "other",
        "Re: Candidate withdrawn",
        "Hi Laura,\nJust a heads up that our candidate has accepted another offer and withdraws from the process. Sorry for the inconvenience.",
    ),
    (
        "other",
        "Holiday office hours",
        "Our office will be closed on Monday, May 25 for Memorial Day. Timesheets are due Friday instead.",
    ),
    (
        "other",
        "Your webinar recording",
        "Thanks for attending our webinar on contractor compliance. The recording and slides are available at the link below.",
    ),
    (
        "other",
        "Feedback on interview",
        "Hi Steve,\nThe hiring manager liked Kevin's technical skills but felt he lacked leadership experience, so they will not move forward. Thanks for the submission.",
    ),
    (
        "candidate",
        "Available consultant: SAP FICO",
        "Hi,\nWe have an SAP FICO consultant available from next month. 14 years, S/4HANA migration experience, based in Toronto. Open to remote or onsite in Canada. Rate CAD 95/hr.",
    ),
    (
        "project",
        "Req: Angular Developer (W2 only) - Irving, TX",
        "Title: Angular Developer\nLocation: Irving, TX - 3 days onsite\nType: W2 contract, no C2C\nMust: Angular 14+, RxJS, 6+ years front end\nPlease submit only local candidates.",
    ),
    (
        "candidate",
        "人员推荐：Java 工程师",
        "您好，\n我司有一位Java工程师目前空闲，8年经验，熟悉Spring Cloud，日语N2，可随时入场。单价60万日元。请问贵司是否有合适的项目？",
    ),
    (
        "candidate",
        "【求职】前端开发 5年",
        "您好，我是一名前端开发工程师，有5年React经验，目前在上海，希望找远程项目，期望月薪2万元。附件是我的简历。",
    ),
    (
        "candidate",
        "介绍一下我们的测试人员",
        "王总好，\n介绍我们公司的测试工程师小李，做过3年自动化测试（Selenium、Appium），人在大连，下个月可以到岗。",
    ),
    (
        "project",
        "求人：Python 开发（大连）",
        "各位好，\n我们这边有个Python开发的需求，需要3年以上经验，熟悉Django，地点大连，6月开始，单价1.5万/月。有合适的人请发简历过来。",
    ),
    (
        "project",
        "项目支援请求",
        "您好，客户方需要两名Java开发支援，周期6个月，东京驻场，日语N2以上，预算55-65万日元/月。麻烦帮忙找一下人。",
    ),
    (
        "project",
        "招聘 | 运维工程师",
        "岗位：运维工程师\n职责：负责Linux服务器运维，监控系统搭建\n要求：3年以上运维经验，熟悉Zabbix\n地点：北京\n薪资：1.5-2万",
    ),
    (
        "other",
        "关于合同续签",
        "您好，我司与贵司的框架合同将于6月底到期，附件为续签合同草案，请审阅后盖章寄回。",
    ),
    ("other", "面试结果通知", "感谢推荐，很抱歉客户最终选择了其他候选人。期待下次合作。"),
    (
        "other",
        "技术沙龙邀请",
        "诚邀您参加5月28日的云原生技术沙龙，地点在深圳南山，名额有限，请扫码报名。",
    ),
    (
        "other",
        "5月付款确认",
        "您好，5月份的款项已于今日汇出，共计人民币32,000元，请查收并开具发票。",
    ),
    (
        "candidate",
        "推薦人才：資深後端工程師",
        "您好，推薦一位後端工程師，Go語言5年，熟悉Kubernetes，目前在台北，可遠端工作，希望月薪12萬台幣。",
    ),
    (
        "project",
        "徵才：iOS 工程師",
        "我們正在找iOS工程師，需要Swift 3年以上經驗，地點台北內湖，可部分遠端，薪資面議。歡迎推薦。",
    ),
    (
        "candidate",
        "【要員】Java 即日",
        "お世話になっております。\n即日稼働可能な要員がおります。Java 7年、Spring Boot 4年、日本語ネイティブ。単価55万円。ご検討ください。",
    ),
    (
        "candidate",
        "エンジニアのご案内",
        "いつもお世話になっております。\n弊社のエンジニアが来月より参画可能となりました。PHP・Laravel歴6年です。経歴書を添付いたしますので、見合う案件がございましたらご連絡ください。",
    ),
    (
        "project",
        "Python案件のご相談",
        "お世話になっております。\nPythonでのAPI開発案件がございます。経験3年以上、週3リモート、新宿、単価60万円まで、6月開始です。ご提案いただける方がいらっしゃいましたらお願いします。",
    ),
    (
        "project",
        "至急：インフラエンジニア募集",
        "AWS構築ができる方を探しています。期間は6月から長期、場所は大手町、単価70万前後です。",
    ),
    (
        "other",
        "請求書送付のご案内",
        "いつもお世話になっております。5月分の請求書をお送りします。ご確認のほどお願いいたします。",
    ),
    (
        "other",
        "面談のお礼",
        "本日はお忙しい中、面談のお時間をいただきありがとうございました。引き続きよろしくお願いいたします。",
    ),
    (
        "other",
        "見送りのご連絡",
        "先日ご提案いただいた要員の件ですが、残念ながら今回はお見送りとさせていただきます。",
    ),
    (
        "other",
        "セミナーのご案内",
        "6月10日にオンラインセミナー「SES営業の基礎」を開催いたします。参加無料です。お申し込みはこちら。",
    ),
    (
        "other",
        "夏季休業のお知らせ",
        "誠に勝手ながら、8月13日から16日まで夏季休業とさせていただきます。",
    ),
    (
        "candidate",
        "Re: 案件のご紹介",
        "ご紹介ありがとうございます。\n本案件に弊社要員をご提案させていただきます。\n氏名：T.K\nスキル：Java 6年\n単価：60万円\n稼働：即日\n> 【案件名】Java開発\n> 場所：品川",
    ),
]

# Signed mail with a legal footer ("confidential ... to unsubscribe reply REMOVE"), and mails
# whose candidate is asked for rather than offered.
CASES += [
    (
        "project",
        "Java Developer - Dallas, TX",
        "Hi,\nCan you send me profiles for a Java developer role in Dallas? Needs Spring Boot and Kafka, 10+ years. Onsite 3 days. Rate up to $70/hr.\n\nThanks & Regards,\nJohn Smith | Technical Recruiter\nABC Staffing Inc. | 123 Main St, Edison, NJ\nThis email and any attachments are confidential. If you are not the intended recipient, please delete it. To unsubscribe from our mailing list reply REMOVE.",
    ),
    (
        "candidate",
        "Updated resume - Ramesh K",
        "Hi Sarah,\nAttached is the updated resume for Ramesh as discussed. He is available to interview this week. Rate confirmed at $68/hr C2C.\n\nThanks & Regards,\nJohn Smith | Technical Recruiter\nABC Staffing Inc. | 123 Main St, Edison, NJ\nThis email and any attachments are confidential. If you are not the intended recipient, please delete it. To unsubscribe from our mailing list reply REMOVE.",
    ),
    (
        "candidate",
        "RTR - Anil for Sr. Data Engineer",
        "I, Anil Kumar, authorize ABC Staffing to represent me for the Sr. Data Engineer position at the client. My rate is $75/hr. I have not been submitted by any other vendor.",
    ),
    (
        "other",
        "New jobs matching your alert",
        "Jobs you may be interested in:\n- Senior Java Developer, Acme Corp, Austin TX\n- Data Engineer, Beta Inc, Remote\nView all jobs | Manage alerts | Unsubscribe",
    ),
    (
        "project",
        "Immediate need - Workday HCM consultant",
        "Our client needs a Workday HCM consultant ASAP. 100% remote, 6+ months. Please reply with your best candidate, resume and rate.\n\nThanks & Regards,\nJohn Smith | Technical Recruiter\nABC Staffing Inc. | 123 Main St, Edison, NJ\nThis email and any attachments are confidential. If you are not the intended recipient, please delete it. To unsubscribe from our mailing list reply REMOVE.",
    ),
    (
        "candidate",
        "Re: Workday HCM consultant",
        "Hi John,\nPlease find attached the resume of Meera, Workday HCM certified with 8 years of experience. She is available immediately and her rate is $90/hr.\n\n> Our client needs a Workday HCM consultant ASAP.\n> Please reply with your best candidate.\n\nThanks & Regards,\nJohn Smith | Technical Recruiter\nABC Staffing Inc. | 123 Main St, Edison, NJ\nThis email and any attachments are confidential. If you are not the intended recipient, please delete it. To unsubscribe from our mailing list reply REMOVE.",
    ),
    (
        "project",
        "Multiple openings - .NET, QA, BA",
        "Hello vendors,\nWe have the following open positions with our direct client in Houston, TX:\n1. .NET Developer - 8+ yrs\n2. QA Analyst - 5+ yrs\n3. Business Analyst - 7+ yrs\nAll roles are hybrid. Send resumes to jobs@abc.com.\n\nThanks & Regards,\nJohn Smith | Technical Recruiter\nABC Staffing Inc. | 123 Main St, Edison, NJ\nThis email and any attachments are confidential. If you are not the intended recipient, please delete it. To unsubscribe from our mailing list reply REMOVE.",
    ),
    (
        "candidate",
        "Bench sales: 5 consultants available",
        "Hi Partner,\nPlease find our available consultants below. All are on our W2 and ready to start.\nJava - 12 yrs - TX\nPython - 9 yrs - NJ\nSalesforce - 7 yrs - CA\nDevOps - 10 yrs - GA\nQA - 6 yrs - FL\n\nThanks & Regards,\nJohn Smith | Technical Recruiter\nABC Staffing Inc. | 123 Main St, Edison, NJ\nThis email and any attachments are confidential. If you are not the intended recipient, please delete it. To unsubscribe from our mailing list reply REMOVE.",
    ),
    (
        "other",
        "Re: Invoice #3321 past due",
        "Hi,\nOur records show invoice #3321 for March is 30 days past due. Please arrange payment at the earliest.\n\nThanks & Regards,\nJohn Smith | Technical Recruiter\nABC Staffing Inc. | 123 Main St, Edison, NJ\nThis email and any attachments are confidential. If you are not the intended recipient, please delete it. To unsubscribe from our mailing list reply REMOVE.",
    ),
    (
        "other",
        "Client holiday freeze",
        "FYI - our client has a hiring freeze until January 5, so no new submissions will be reviewed until then.\n\nThanks & Regards,\nJohn Smith | Technical Recruiter\nABC Staffing Inc. | 123 Main St, Edison, NJ\nThis email and any attachments are confidential. If you are not the intended recipient, please delete it. To unsubscribe from our mailing list reply REMOVE.",
    ),
    (
        "candidate",
        "Consultant looking for C2C roles",
        "Hello,\nMy consultant Vikram is a Cloud Architect (Azure, AWS) with 15 years experience, based in Chicago. He is looking for C2C roles only, remote preferred. Let me know if you have anything.\n\nThanks & Regards,\nJohn Smith | Technical Recruiter\nABC Staffing Inc. | 123 Main St, Edison, NJ\nThis email and any attachments are confidential. If you are not the intended recipient, please delete it. To unsubscribe from our mailing list reply REMOVE.",
    ),
    (
        "project",
        "Quick question - do you have a Guidewire developer?",
        "Hi,\nDo you have a Guidewire PolicyCenter developer? Client is in Hartford, CT, hybrid, long term. Rate $80/hr C2C.\n\nThanks & Regards,\nJohn Smith | Technical Recruiter\nABC Staffing Inc. | 123 Main St, Edison, NJ\nThis email and any attachments are confidential. If you are not the intended recipient, please delete it. To unsubscribe from our mailing list reply REMOVE.",
    ),
    (
        "other",
        "LinkedIn: You appeared in 12 searches this week",
        "You appeared in 12 searches this week. See who's looking at your profile. Upgrade to Premium.",
    ),
    (
        "other",
        "Re: Submission - duplicate",
        "Hi Steve, this candidate was already submitted by another vendor on 4/2, so we cannot accept this submission.\n\nThanks & Regards,\nJohn Smith | Technical Recruiter\nABC Staffing Inc. | 123 Main St, Edison, NJ\nThis email and any attachments are confidential. If you are not the intended recipient, please delete it. To unsubscribe from our mailing list reply REMOVE.",
    ),
    (
        "project",
        "JD attached - SAP Basis",
        "Hi team,\nPlease find the JD attached for an SAP Basis role, remote, 12 months. Let me know if you have matching profiles.\n\nThanks & Regards,\nJohn Smith | Technical Recruiter\nABC Staffing Inc. | 123 Main St, Edison, NJ\nThis email and any attachments are confidential. If you are not the intended recipient, please delete it. To unsubscribe from our mailing list reply REMOVE.",
    ),
    (
        "candidate",
        "Introduction",
        "Hi,\nI came across your profile on LinkedIn. I am a Senior Java Developer with 11 years of experience and I am currently looking for contract opportunities in the Bay Area. Please find my resume attached.",
    ),
    (
        "candidate",
        "Senior Java Developer | Dallas | H1B",
        "Title: Senior Java Developer\nSkills: Java, Spring Boot, Microservices\nExperience: 10 years\nLocation: Dallas, TX\nVisa: H1B\nRate: $72/hr C2C\nAvailability: 2 weeks",
    ),
    (
        "candidate",
        "Profile: Data Engineer",
        "Role: Data Engineer\nTotal experience: 8 years\nPrimary skills: Python, Spark, Airflow\nCurrent location: Remote (PST)\nWork authorization: GC\nExpected rate: $80/hr",
    ),
    (
        "project",
        "Data Engineer - Remote",
        "The ideal candidate will have 6+ years of data engineering with Python and Spark. The candidate must be able to start within two weeks and work PST hours. Rate: $75/hr C2C. Remote.",
    ),
    (
        "project",
        "Seeking QA Lead",
        "We are seeking a QA Lead. Candidates should have 8+ years in testing and strong Selenium skills. Available to start immediately is a plus. Location: Plano, TX (hybrid). Rate $60/hr W2.",
    ),
    (
        "candidate",
        "Java developer available - 10 yrs",
        "Hi,\nJava developer available.\nExperience: 10 years\nSkills: Java 17, Spring Boot, AWS\nLocation: NJ, open to relocation\nVisa: GC\nRate: $70/hr",
    ),
    (
        "project",
        "Java developer needed - 10 yrs",
        "Hi,\nJava developer needed.\nExperience: 10 years\nSkills: Java 17, Spring Boot, AWS\nLocation: NJ (onsite)\nVisa: GC/USC\nRate: $70/hr",
    ),
    (
        "candidate",
        "Kenji - AWS engineer - Tokyo",
        "Kenji is an AWS engineer based in Tokyo with 7 years of experience. Japanese native, business English. Available from next month. Expected rate 700,000 JPY per month. Employed by our partner.",
    ),
    (
        "project",
        "AWS engineer for a Tokyo client",
        "A client in Tokyo needs an AWS engineer with 7+ years of experience. Japanese N1 required. Start next month. Budget 700,000 JPY per month. Up to one company away from you.",
    ),
]


@pytest.mark.parametrize(("label", "subject", "body"), CASES, ids=[c[1][:40] for c in CASES])
def test_unusual_layouts_are_classified(label: str, subject: str, body: str) -> None:
    language = detect_language(f"{subject}\n{body}")
    assert classify_by_rules(EmailForClassification(subject, body, language)).category == label


def test_a_decline_quoting_the_candidate_it_declines_is_other() -> None:
    body = (
        "川村様\n\nご提案いただきありがとうございました。\n"
        "誠に恐縮ですが、今回はエンド様の判断により見送りとなりました。\n"
        "また別の案件でご相談させてください。\n\n"
        "> ◇スキル：Java（9年）、Spring Boot（6年）\n> ◇稼働：即日\n"
    )
    item = EmailForClassification("Re: 要員提案の件（K.S様）", body, "ja")
    assert classify_by_rules(item).category == "other"


def test_bullets_do_not_make_chinese_japanese() -> None:
    text = "您好，\n推薦合作公司員工一名：\n・國籍：日本籍\n・地點：神奈川\n・單價：72萬日元\n・遠端：完全遠端"
    assert detect_language(text) == "zh"


# A reply answers one kind with the other: its subject and its copy of the answered mail are
# that mail's, and what it thanks for is the other side's offer.
REPLY_CASES = [
    (
        "project",
        "RE: Weekly hotlist - Java / QA consultants",
        "Hi Priya,\nThanks for the list. Nobody on it fits at the moment, but we now have an opening for a Workday integration developer in Denver, 9 months, up to $75/hr.\nIf you have anyone, send the resume over.\nMark\n\n> Please find our available consultants below.\n> Ravi | Java | 12 yrs | Dallas | H1B",
    ),
    (
        "candidate",
        "Re: Immediate need - React developer - Remote",
        "Hi Dana,\nThank you for sharing the requirement. Submitting Meena's resume for this role: 7 years of React and TypeScript, based in Raleigh, can interview tomorrow.\nRate $62/hr C2C.\nBest,\nSuresh\n\n-----Original Message-----\nFrom: Dana\nSubject: Immediate need - React developer - Remote\nWe have an immediate requirement for a React developer. Duration 12 months. Must have TypeScript. Please share profiles.",
    ),
    (
        "candidate",
        "回复: 招聘 Python 后端工程师",
        "周经理您好：\n我们这边有一位工程师非常匹配这个岗位，简历已附上，请查收。\n他有6年 Python 经验，目前在杭州。\n\n> 岗位要求：Python 3年以上\n> 人数：1人",
    ),
    (
        "project",
        "Re: 人材のご紹介（Python）",
        "ご紹介ありがとうございます。\nあいにくPythonの枠は埋まってしまいましたが、現在Go言語のバックエンド開発者をお探ししております。\n該当する方がいらっしゃいましたらご紹介ください。\n\n> 弊社エンジニアをご紹介いたします。Python 8年です。",
    ),
]


@pytest.mark.parametrize(("label", "subject", "body"), REPLY_CASES, ids=[c[1] for c in REPLY_CASES])
def test_a_reply_is_read_as_what_it_offers_not_what_it_answers(
    label: str, subject: str, body: str
) -> None:
    language = detect_language(f"{subject}\n{body}")
    assert classify_by_rules(EmailForClassification(subject, body, language)).category == label


# Offers and asks told in words the labelled fixture does not use.
PHRASING_CASES = [
    (
        "project",
        "Any Go developers on your bench?",
        "Hi Anil,\nMy client needs a Go developer for six months, remote. Anything on your bench? Rate open.",
    ),
    (
        "candidate",
        "Java lead free from June",
        "Hi,\nOur W2 employee Karen rolled onto the market this week and is open for her next assignment. Java and Spring, 13 years, Atlanta. Happy to send her updated resume.",
    ),
    (
        "candidate",
        "Introducing our Vietnam QA team",
        "Dear partner,\nWe would like to introduce four QA engineers from our Da Nang office who are free for a new project. CVs available on request.",
    ),
    (
        "project",
        "测试人员需求 北京",
        "各位好，\n客户现在需要 3 名性能测试工程师，熟悉 JMeter，北京驻场，七月到岗。有的话请发简历过来。",
    ),
    (
        "candidate",
        "Cloud engineer - Lisbon - from August",
        "Hello,\nName: Rui M.\nRole: Cloud Engineer\nExperience: 9 years (Azure 6, Terraform 4)\nLocation: Lisbon\nStart: 1 August\nDay rate: EUR 600\nHappy to set up a call with him.",
    ),
    (
        "project",
        "Contract: Python backend, 4 months, remote",
        "Hi all,\nPython backend developer\n- 4 months from July\n- Remote, CET hours\n- FastAPI, PostgreSQL; Redis a plus\n- Up to $80/hr\nInterested vendors please send rates and availability of your people.",
    ),
    (
        "project",
        "Request for quote - QA team",
        "Dear vendor,\nWe would like a quote for a team of three test engineers for about five months, partly onsite in Osaka. Please reply with your proposed team and pricing by June 10.",
    ),
    (
        "project",
        "徵求 Java 工程師 3 名（高雄）",
        "各位好，\n客戶在高雄需要 Java 工程師 3 名，Spring Boot 三年以上，專案一年。\n歡迎推薦合適人選，請將候選人履歷寄給我。",
    ),
    (
        "candidate",
        "Profile: QA lead, remote only",
        "QA lead, 9 years (Cypress, Playwright).\nRequirements: remote only.\nRate: $60/hr. Available immediately.\nEmployed by a partner company.",
    ),
    (
        "candidate",
        "Flutter developer for your projects",
        "Hello,\nWe would like to propose Quang, a Flutter developer with 4 years of experience, based in Da Nang. Remote work only, from August, USD 2,800 per month.",
    ),
    (
        "other",
        "RE: Data Engineer - Phoenix",
        "Thanks Sam, received. I'll review it and get back to you tomorrow.\n\n> We have an immediate requirement for a Data Engineer in Phoenix.\n> Must have Spark and Snowflake. Please share profiles.",
    ),
]


@pytest.mark.parametrize(
    ("label", "subject", "body"), PHRASING_CASES, ids=[c[1] for c in PHRASING_CASES]
)
def test_offers_and_asks_in_other_words(label: str, subject: str, body: str) -> None:
    language = detect_language(f"{subject}\n{body}")
    assert classify_by_rules(EmailForClassification(subject, body, language)).category == label


def test_a_short_reply_keeps_the_mail_it_answers() -> None:
    """ "Thanks, see below" says nothing itself: the answered mail is all there is to read."""
    body = (
        "Forwarding, see below.\n\n-----Original Message-----\nFrom: Ravi\n"
        "Please find attached the resume of my consultant Sneha, .NET developer, 9 years, "
        "available immediately, open to relocation."
    )
    item = EmailForClassification("RE: Sneha - .NET developer", body, "en")
    assert classify_by_rules(item).category == "candidate"


def test_please_check_the_attachment_is_not_a_resume() -> None:
    """请查收 ends invoices as often as résumés: only a named résumé counts for a candidate."""
    item = EmailForClassification(
        "10月发票已开具，请查收", "您好，贵司10月份的服务费发票已开具，请查收。", "zh"
    )
    assert classify_by_rules(item).category == "other"


# Notices and acknowledgements repeat a project (closed, paused, "拝見いたします"), and
# traditional-character asks name the résumé they want ("麻煩推薦人員並附上履歷").
OFFER_CASES = [
    (
        "candidate",
        "Python lead - remote",
        "Hi, Meera is a Python lead with 12 years of experience. She requires a remote position and a minimum rate of $85/hr. She can start next week.",
    ),
    (
        "candidate",
        "Scrum master available",
        "Scrum master, 9 years in insurance. Located in Columbus, OH. Open to contract. Rate: $58/hr.",
    ),
    (
        "other",
        "Thanks for the update on the React role",
        "Hi Tom, thanks for letting me know the React role in Austin is filled. Keep me posted on new requirements.",
    ),
    (
        "candidate",
        "Senior QA - Phoenix",
        "Ana Cruz | Senior QA engineer | 8 years Selenium, Cypress | Phoenix, AZ | onsite | available 7/15 | $55/hr | references on request",
    ),
    (
        "candidate",
        "Data engineer for your client",
        "Hi,\nWe have a data engineer who meets your client's requirements: Spark and Snowflake, 7 years, in Boston, available now.",
    ),
]


@pytest.mark.parametrize(("label", "subject", "body"), OFFER_CASES, ids=[c[1] for c in OFFER_CASES])
def test_an_offer_written_against_the_readers_requirement(
    label: str, subject: str, body: str
) -> None:
    assert classify_by_rules(EmailForClassification(subject, body, "en")).category == label


NOTICE_CASES = [
    (
        "other",
        "【ご連絡】募集終了のお知らせ（Python案件）",
        "各位\n先日ご案内した下記案件は決定となりました。ありがとうございました。\n\n【案件名】物流システムPython開発\n【必須スキル】Python、Django\n【単価】～65万",
    ),
    (
        "other",
        "Re: 【案件】Salesforce 改修",
        "ご共有いただきありがとうございます。拝見いたします。\n\n> 【案件名】Salesforce 改修\n> 【必須】Apex\n> ご提案お待ちしております。",
    ),
    (
        "other",
        "关于测试岗位暂停的通知",
        "各位：\n之前发布的测试需求（2人，北京驻场）因客户项目延期暂停，已推荐的人选暂不安排面试。",
    ),
    (
        "other",
        "回复: 【需求】Java 后端",
        "收到，我们内部确认一下再回复您。\n\n> 岗位要求：Java 5年以上\n> 人数：1人",
    ),
    (
        "project",
        "【專案】台南金融 Java 系統",
        "各位好：\n台南金融客戶專案需要兩位 Java 工程師，需駐點，九月開始。麻煩推薦人員並附上履歷與報價。",
    ),
    (
        "other",
        "Job alert: 12 new DevOps Engineer jobs",
        "New jobs matching your saved search: DevOps Engineer - Remote. Cloud DevOps - Austin. Apply now.",
    ),
]


@pytest.mark.parametrize(
    ("label", "subject", "body"), NOTICE_CASES, ids=[c[1] for c in NOTICE_CASES]
)
def test_notices_and_acknowledgements_that_repeat_a_project(
    label: str, subject: str, body: str
) -> None:
    language = detect_language(f"{subject}\n{body}")
    assert classify_by_rules(EmailForClassification(subject, body, language)).category == label


WITHDRAWAL_CASES = [
    (
        "other",
        "推荐撤回：张某（Java）",
        "李经理您好：\n之前向贵司推荐的张某（Java 8年、Spring Boot）本人已确定其他项目，现撤回推荐，抱歉。\n\n大连某软件 营业部 王",
    ),
    (
        "other",
        "候選人撤回通知",
        "您好：\n上週推薦的林先生（React、TypeScript）已經決定其他公司的offer，撤回推薦，造成困擾敬請見諒。",
    ),
    (
        "other",
        "Re: 【技術者のご紹介】Java 山田",
        "お世話になっております。\nご紹介しておりました山田（Java 10年）ですが、他決となりましたのでご提案を取り下げさせていただきます。\n引き続きよろしくお願いいたします。",
    ),
    (
        "other",
        "要員ご提案：佐藤（PHP）",
        "佐藤（PHP 7年、最寄駅：大宮）につきまして、ご本人より辞退の申し出がありましたので、ご提案を取り下げさせていただきます。",
    ),
    (
        "candidate",
        "人员推荐：Java开发",
        "您好：\n向贵司推荐一位Java工程师，8年经验，上一个项目已结束，可随时到岗，简历已附上。",
    ),
]


@pytest.mark.parametrize(
    ("label", "subject", "body"), WITHDRAWAL_CASES, ids=[c[1] for c in WITHDRAWAL_CASES]
)
def test_a_withdrawn_proposal_naming_the_candidate_is_other(
    label: str, subject: str, body: str
) -> None:
    language = detect_language(f"{subject}\n{body}")
    assert classify_by_rules(EmailForClassification(subject, body, language)).category == label

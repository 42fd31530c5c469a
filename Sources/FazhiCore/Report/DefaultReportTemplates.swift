/// The texts a new annual report starts from: generic for any year and county, in the register of a
/// county report (the demo county's 2020 report, Tests/FazhiCoreTests/Report/Fixtures/fenghuang-2020-report.txt), with a placeholder for every catalogue figure
/// (the catalogue keys) in the section that reports it. Approximate figures use the styles the seed uses
/// (余, 万余, 余万), which never overstate a count. The legal office then rewrites the prose.
public enum DefaultReportTemplates {
    public static func title(year: Int) -> String {
        "关于\(year)年度法治政府建设工作的报告"
    }

    /// A new report for `year` and `region`: every section's default heading and text, the usual
    /// signatories (the Party committee, 中共凤凰县委, and the government, 凤凰县人民政府), no date yet.
    public static func draft(year: Int, region: String) -> ReportDraftText {
        // 县委, 区委, 市委, 旗委: the short form every county-level committee signs with.
        let partyCommittee = ["县", "区", "市", "旗"].contains(where: region.hasSuffix) ? "中共\(region)委" : "中共\(region)委员会"
        return ReportDraftText(
            title: title(year: year), region: region, year: year,
            signatories: [partyCommittee, "\(region)人民政府"], date: nil,
            sections: ReportSectionKey.allCases.map {
                ReportDraftText.Section(key: $0, heading: heading(for: $0).map { localized($0, region: region) }, text: localized(text(for: $0), region: region))
            })
    }

    /// A template as a new report of `region` starts from it: {{regionLevel}} written out (我区, 全市, 旗委), so the
    /// draft reads as the county's own text; the other placeholders stay linked.
    public static func localized(_ template: String, region: String) -> String {
        template.replacingOccurrences(of: "{{regionLevel}}", with: ReportContext.level(of: region))
    }

    /// The heading's words (without （一）), or nil for sections printed without a heading.
    public static func heading(for key: ReportSectionKey) -> String? {
        switch key {
        case .leadership: "加强组织领导，强化法治政府建设保障"
        case .decisionMaking: "健全合法性审查工作机制，推行依法科学民主决策"
        case .reform: "深入推进“放管服”改革，加快政府职能转变"
        case .enforcement: "严格行政执法监督管理，提升行政执法公信力"
        case .disputes: "抓好行政复议应诉工作，依法有效化解社会矛盾纠纷"
        case .legalServices: "完善公共法律服务体系，保障社会公众合法权益"
        case .publicity: "强化普法宣传教育，夯实法治政府建设基础"
        case .opening, .shortcomings, .nextYear, .otherMatters, .closing: nil
        }
    }

    /// The section's template text, paragraphs separated by "\n"; "" for other matters, which a report
    /// states only when there are some.
    public static func text(for key: ReportSectionKey) -> String {
        switch key {
        case .opening:
            "{{year}}年，我{{regionLevel}}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，全面贯彻落实党中央、国务院关于法治政府建设的决策部署和省、市（州）工作要求，坚持把法治政府建设贯穿于政府工作始终，不断完善工作机制，依法规范行政行为，有效推动经济社会高质量发展和社会和谐稳定。现将本年度法治政府建设工作开展情况报告如下："
        case .leadership:
            "一是加强党对法治政府建设工作的领导。{{regionLevel}}委常委会、{{regionLevel}}政府常务会议专题听取法治政府建设工作汇报，研究解决法治政府建设中的重大问题，及时消除制约法治政府建设的体制机制障碍。二是发挥全面依法治{{regionLevel}}委员会统筹协调作用。全面依法治{{regionLevel}}委员会及其执法、司法、守法普法协调小组按计划召开会议，统筹推进依法治{{regionLevel}}各项工作。三是压实法治政府建设第一责任人责任。严格贯彻落实《党政主要负责人履行推进法治建设第一责任人职责规定》，党政主要负责人切实履行推进法治建设第一责任人职责，对法治建设重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要任务亲自督办，将履行第一责任人职责情况纳入政绩考核指标体系，作为考察使用干部的重要依据。四是全面部署法治政府建设工作。印发{{year}}年法治政府建设工作要点和考核方案，细化目标任务，明确责任单位，全面推进法治政府建设工作。"
        case .decisionMaking:
            "一是充分发挥政府法律顾问、公职律师作用。组织法律顾问、公职律师参与全{{regionLevel}}{{advisers.keyProjects}}个重点项目工程的法律论证和合同审查，充分发挥法治参谋作用。二是强化重大行政决策程序。严格执行《重大行政决策程序暂行条例》，坚持把公众参与、专家论证、风险评估、合法性审查、集体讨论决定作为重大行政决策的法定程序，全年{{decisions.major}}项重大行政决策事项均经合法性审查。三是加强规范性文件管理。对行政规范性文件实行统一登记、统一编号、统一公布制度，加强规范性文件的审查、备案和清理。截至{{截至:documents.issued}}，{{year}}年全{{regionLevel}}出台规范性文件共{{documents.issued}}件，其中{{regionLevel}}政府规范性文件{{documents.issued.government}}件，{{regionLevel}}政府办规范性文件{{documents.issued.governmentOffice}}件，{{regionLevel}}直部门规范性文件{{documents.issued.departments}}件。全年共清理规范性文件{{documents.cleanup.total}}件，其中废止{{documents.cleanup.repealed}}件，宣布失效{{documents.cleanup.declaredInvalid}}件，继续有效{{documents.cleanup.continued}}件，重新公布{{documents.cleanup.republished}}件。四是做好政府合同审查备案工作。截至{{截至:contracts.reviewed}}，共审查各类合同协议{{contracts.reviewed|余:10}}份，政府合同备案{{contracts.filed}}份。"
        case .reform:
            "一是深化行政审批制度改革。承接好上级下放的行政许可事项，动态调整行政许可事项和政务服务事项目录：{{regionLevel}}级行政许可事项调整{{licensing.county.adjusted}}项、取消{{licensing.county.cancelled}}项、新增{{licensing.county.added}}项，现有行政许可{{licensing.county.current}}项；乡镇政务服务事项调整{{licensing.township.adjusted}}项、取消{{licensing.township.cancelled}}项，现有事项{{licensing.township.current}}项；村（社区）政务服务事项调整{{licensing.village.adjusted}}项、取消{{licensing.village.cancelled}}项，现有事项{{licensing.village.current}}项。二是推进“一件事一次办”。完成{{oneThing.optimized}}件“一件事一次办”事项流程优化，组织综合窗口受理人员业务培训{{oneThing.trainees}}人次，实现{{oneThing.online}}件事项网上一次办理。截至{{截至:oneThing.handled}}，全{{regionLevel}}“一件事一次办”累计办件{{oneThing.handled}}件。三是做好责任清单动态调整工作。公布{{regionLevel}}政府工作部门主要职责{{responsibility.mainDuties}}项、与相关部门职责分工或交叉的职能{{responsibility.sharedDuties}}项、事中事后监管制度{{responsibility.supervisionRules}}项。四是开展“减证便民”工作。推行证明事项告知承诺制，全{{regionLevel}}梳理证明事项{{certification.items}}项，报上级司法行政部门备案。"
        case .enforcement:
            "一是全面推行行政执法三项制度。严格落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，规范和监督行政执法行为。二是开展执法案卷评查。对{{enforcement.review.departments}}个重点执法部门开展案卷评查，自查案卷{{enforcement.review.selfChecked}}份，抽查案卷{{enforcement.review.sampled}}份，对存在问题逐一进行整改。三是加强行政执法培训。培训法规股长、法制专干{{enforcement.training.legalStaff}}人，轮训行政执法人员{{enforcement.training.officers|余:10}}人，提升执法人员执法水平。四是抓好行政执法资格管理。全{{regionLevel}}{{enforcement.exam.units}}个单位{{enforcement.exam.registered}}人报名参加行政执法资格考试，{{enforcement.exam.passed}}人成绩合格，合格人员信息录入全省行政执法证管理系统并向社会公开。"
        case .disputes:
            "一是加强矛盾纠纷排查调处。坚持和发展新时代“枫桥经验”，深入开展矛盾纠纷排查化解。截至{{截至:mediation.disputes}}，全{{regionLevel}}共调处各类矛盾纠纷{{mediation.disputes}}件，调解成功{{mediation.succeeded}}件，调解率{{mediation.mediationRate|%}}，成功率{{mediation.successRate|%}}。二是依法办理行政复议案件。畅通复议渠道，提高办案质量。截至{{截至:reconsideration.received}}，共审查行政复议案件{{reconsideration.received}}件，审结{{reconsideration.concluded}}件，其中申请人自行撤回{{reconsideration.concluded.withdrawn}}件，维持{{reconsideration.concluded.upheld}}件，未审结{{reconsideration.pending}}件，法定期限内结案率{{reconsideration.onTimeRate|%}}。三是积极开展行政应诉工作。落实行政机关负责人出庭应诉制度。截至{{截至:litigation.received}}，共办理行政应诉案件{{litigation.received}}件，法院审结{{litigation.concluded}}件，其中撤诉{{litigation.concluded.withdrawn}}件，驳回诉讼请求{{litigation.concluded.dismissed}}件，未结案{{litigation.pending}}件，行政机关负责人出庭应诉率{{litigation.headAppearanceRate|%}}。"
        case .legalServices:
            "一是建设公共法律服务站点。在{{legalServices.workstations}}个乡镇建成公共法律服务工作站，使群众在“家门口”就能有效解决法律问题。二是全面推行“一村（社区）一法律顾问”工作。组织社会律师{{advisers.village.socialLawyers}}人、公职律师{{advisers.village.publicLawyers}}人、法律工作者{{advisers.village.legalWorkers}}人、{{regionLevel}}直单位工作人员{{advisers.village.staff}}人共{{advisers.village.total}}人，担任全{{regionLevel}}{{advisers.village.villages}}个村和{{advisers.village.communities}}个社区的法律顾问。三是依法办理法律援助案件。截至{{截至:legalAid.cases}}，全{{regionLevel}}共办理法律援助案件{{legalAid.cases}}件，其中刑事案件{{legalAid.cases.criminal}}件，民事案件{{legalAid.cases.civil}}件，受援人{{legalAid.recipients}}人，挽回经济损失{{legalAid.recoveredYuan|余万:1}}元；接受咨询{{legalAid.consultations}}人次，其中来电咨询{{legalAid.consultations.phone}}人次，现场咨询{{legalAid.consultations.onsite}}人次；协助办理法律帮助的认罪认罚案件{{legalAid.pleaAssistance}}件。"
        case .publicity:
            "一是加强法治教育培训。坚持{{regionLevel}}委理论学习中心组学法、{{regionLevel}}政府常务会议会前学法，将宪法法律列入干部教育培训必修课，提高领导干部依法行政能力。二是落实“谁执法谁普法”普法责任制。结合“国家宪法日”等重要节点开展主题宣传，全{{regionLevel}}共发放《民法典》学习资料{{publicity.civilCodeMaterials|余:1000}}份，开展法治宣传活动{{publicity.activities|余:10}}次，发放法律宣传资料{{publicity.materials|万余:0.1}}册，开展法治讲座{{publicity.lectures|余:10}}次，制作法治宣传专栏{{publicity.columns|余:10}}个，受教育群众{{publicity.audience|万余:0.1}}人。"
        case .shortcomings:
            "{{year}}年，我{{regionLevel}}法治政府建设工作虽然取得了一定成绩，但仍然存在一些问题和薄弱环节，主要是：部分领导干部运用法治思维和法治方式解决问题的能力有待进一步提高，基层行政执法力量相对薄弱，行政执法监督问责力度有待进一步加强。究其原因，主要是法治宣传教育的针对性不够强，基层法治工作队伍建设投入不足。"
        case .nextYear:
            [
                "（一）加强党对法治政府建设的领导",
                "抓住领导干部这个“关键少数”，严格落实党政主要负责人履行推进法治建设第一责任人职责，健全领导干部学法用法机制，提升运用法治思维和法治方式解决问题的能力。",
                "（二）推进依法科学民主决策",
                "严格执行《重大行政决策程序暂行条例》，强化公众参与、专家论证、风险评估、合法性审查和集体讨论决定的刚性约束；坚持规范性文件“三统一”制度和有效期制度，做好规范性文件备案审查和清理工作。",
                "（三）深化“放管服”改革",
                "加快推进“一件事一次办”，减材料、优流程、压时限，强化“互联网+政务服务”一体化平台应用，持续推进证明事项告知承诺制。",
                "（四）坚持严格规范公正文明执法",
                "深入推进行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度落地落实，加强行政执法人员培训和案卷评查，提升执法规范化水平。",
                "（五）依法有效化解社会矛盾纠纷",
                "健全人民调解、行政调解、司法调解联动工作体系，深化行政复议体制改革，严格执行行政机关负责人出庭应诉制度。",
                "（六）深入推进普法宣传教育",
                "落实“谁执法谁普法”普法责任制，完善公共法律服务体系，推进一村（社区）一法律顾问工作，不断扩大法律援助覆盖面。",
            ].joined(separator: "\n")
        case .otherMatters:
            ""
        case .closing:
            "专此报告。"
        }
    }
}

import FazhiCore
import Fluent
import Foundation
import Vapor

/// The demo county's major administrative decisions: the 2020 catalogue (decision-catalogue-fenghuang.tsv), the
/// five decisions the seed report names with every procedure on record (decisions-fenghuang.tsv), and one
/// decision of the current year open for public comment, so the portal has something to show. The tables are
/// as of the end of 2020; evaluations planned before the day the demo is loaded are recorded as carried out.
enum DemoDecisions {
    typealias Problem = DemoDocuments.Problem

    static func load(on db: any Database, reviewer: UserModel, documentIDs: [String: UUID], box: SecretBox, today: LocalDate,
                     at now: Date) async throws {
        let units = Dictionary(uniqueKeysWithValues: try await UnitModel.query(on: db).all().map { ($0.name, $0.id!) })
        let calendar = try await CalendarService.calendar(on: db)
        let rules = DecisionRules.default
        let rows = try DemoDocuments.table("decisions-fenghuang")
        let catalogueRows = try DemoDocuments.table("decision-catalogue-fenghuang")
        try await db.writeTransaction { tx in
            var ids: [String: UUID] = [:]
            for row in rows {
                guard let key = row["key"], let title = row["title"], let unit = row["proposingUnit"].flatMap({ units[$0] }),
                      let state = row["state"].flatMap(DecisionState.init(rawValue:)) else {
                    throw Problem(description: "demo decision row invalid: \(row["key"] ?? "?")")
                }
                let decision = DecisionModel()
                decision.id = UUID()
                decision.$proposingUnit.id = unit
                decision.title = title
                decision.catalogueYear = row["catalogueYear"].flatMap(Int.init) ?? 2020
                decision.basis = row["basis"] ?? ""
                decision.draftText = "（演示数据）\(title)（草案）。正文从略。"
                decision.explanation = "（演示数据）关于\(title)（草案）的起草说明：制定依据、必要性、主要内容和征求意见情况。"
                decision.state = state.rawValue
                decision.consultationStart = row["consultationStart"]
                decision.consultationEnd = row["consultationEnd"]
                decision.feedbackPublishedOn = row["feedbackPublishedOn"]
                decision.feedback = row["feedbackPublishedOn"] == nil ? nil
                    : "共收到意见 \(row["commentsReceived"] ?? "0") 条，已逐条研究，采纳情况及理由在县人民政府门户网站公布。"
                decision.reviewRequestedOn = row["reviewReceived"]
                decision.decidedOn = row["decidedOn"]
                decision.publishedOn = row["publishedOn"]
                // The demo's decisions went to the county Party committee on the day they were decided (art. 31).
                decision.partyReportedOn = row["publishedOn"] == nil ? nil : row["decidedOn"]
                decision.evaluationDue = row["evaluationDue"]
                decision.implementation = state == .implementing ? "由\(row["proposingUnit"]!)牵头组织实施，各乡镇和县直有关部门按职责配合。" : nil
                // The table is as of the end of 2020; an evaluation planned before the demo is loaded has been carried out.
                if let due = decision.evaluationDue.flatMap(LocalDate.init(iso:)), due < today {
                    decision.implementation = decision.implementation ?? "由\(row["proposingUnit"]!)牵头组织实施，各乡镇和县直有关部门按职责配合。"
                    decision.evaluatedOn = due.adding(days: -30).description
                    decision.evaluation = "（演示数据）决策后评估：决策执行总体顺利，达到预期目标；建议根据上位法修改情况适时修订。"
                    decision.state = DecisionState.evaluated.rawValue
                }
                decision.documentID = row["documentKey"].flatMap { documentIDs[$0] }
                decision.createdAt = now
                decision.updatedAt = now
                try await decision.create(on: tx)
                ids[key] = decision.id
                try await procedures(for: decision, row: row, today: today, calendar: calendar, rules: rules, at: now, on: tx)
                guard let received = row["reviewReceived"], let decided = row["reviewDecided"],
                      let opinion = ReviewOpinion.allCases.first(where: { $0.label == row["reviewOpinion"] }) else {
                    throw Problem(description: "demo decision \(key): legality review missing")
                }
                try await ReviewModel.record(.decision, id: decision.id!, owner: unit, reviewerID: try reviewer.requireID(), reviewerName: reviewer.displayName,
                                             received: received, decided: decided, opinion: opinion, reasons: row["reviewReasons"] ?? "", at: now, on: tx)
            }
            try await catalogue(catalogueRows, units: units, decisionIDs: ids, at: now, on: tx)
            try await adviserEngagements(rows, decisionIDs: ids, at: now, on: tx)
            try await AuditLog.append(AuditEvent("system.demo.loaded", subjectType: "decision",
                                                 detail: "载入演示重大行政决策 \(rows.count) 件、决策事项目录 \(catalogueRows.count) 项"),
                                      context: .cli("demo"), at: now, on: tx)
        }
        try await openConsultation(units: units, box: box, today: today, calendar: calendar, rules: rules, at: now, on: db)
    }

    /// The four procedure records of a decision, each checked by the rule the procedure form uses.
    static func procedures(for decision: DecisionModel, row: [String: String], today: LocalDate, calendar: LegalCalendar,
                           rules: DecisionRules, at now: Date, on tx: any Database) async throws {
        let hearing = row["hearingHeld"] == "true"
        let participation: [String: String?] = [
            "consultationStart": row["consultationStart"], "consultationEnd": row["consultationEnd"], "channel": row["consultationChannel"],
            "commentsReceived": row["commentsReceived"], "feedbackPublishedOn": row["feedbackPublishedOn"], "hearingHeld": hearing ? "true" : "false",
            "hearingDate": row["hearingDate"],
        ]
        try PublicParticipationRecord.validate(
            consultationStart: row["consultationStart"], consultationEnd: row["consultationEnd"], shortenedReason: nil, channel: row["consultationChannel"],
            commentsReceived: row["commentsReceived"], feedbackPublishedOn: row["feedbackPublishedOn"], hearingHeld: hearing, hearingDate: row["hearingDate"],
            today: today, calendar: calendar, rules: rules).checked(decision.title)
        let expert: [String: String?] = [
            "date": row["expertDate"], "method": ExpertArgumentRecord.Method.meeting.rawValue, "experts": row["experts"],
            "conclusion": row["expertConclusion"], "opinionsReference": "专家论证意见书（\(row["key"] ?? "")）",
        ]
        try ExpertArgumentRecord.validate(date: row["expertDate"], method: ExpertArgumentRecord.Method.meeting.rawValue, experts: row["experts"],
                                          conclusion: row["expertConclusion"], opinionsReference: expert["opinionsReference"] ?? nil, today: today)
            .checked(decision.title)
        let risk: [String: String?] = [
            "level": row["riskLevel"].flatMap { RiskAssessmentRecord.Level(codeOrLabel: $0)?.rawValue }, "assessor": row["riskAssessor"],
            "reportReference": row["riskReport"], "mitigationMeasures": row["mitigation"], "completedOn": row["expertDate"],
        ]
        try RiskAssessmentRecord.validate(level: risk["level"] ?? nil, assessor: row["riskAssessor"], reportReference: row["riskReport"],
                                          mitigationMeasures: row["mitigation"], completedOn: row["expertDate"], today: today).checked(decision.title)
        let discussion: [String: String?] = [
            "meetingType": row["meetingType"].flatMap { CollectiveDiscussionRecord.MeetingType(codeOrLabel: $0)?.rawValue },
            "meetingDate": row["meetingDate"], "outcome": row["meetingOutcome"].flatMap { CollectiveDiscussionRecord.Outcome(codeOrLabel: $0)?.rawValue },
            "minutesReference": row["minutesReference"],
        ]
        try CollectiveDiscussionRecord.validate(meetingType: discussion["meetingType"] ?? nil, meetingDate: row["meetingDate"], outcome: discussion["outcome"] ?? nil,
                                                minutesReference: row["minutesReference"], dissentingOpinions: nil, headDifferedFromMajority: false,
                                                headReason: nil, legalityReviewDecidedOn: row["reviewDecided"].flatMap(LocalDate.init(iso:)), today: today)
            .checked(decision.title)
        for (procedure, fields) in [(DecisionProcedure.publicParticipation, participation), (.expertArgument, expert), (.riskAssessment, risk),
                                    (.collectiveDiscussion, discussion)] {
            try await store(procedure, fields: fields.compactMapValues { $0 }, decision: decision.id!, at: now, on: tx)
        }
    }

    static func store(_ procedure: DecisionProcedure, fields: [String: String], decision: UUID, at now: Date, on tx: any Database) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let model = DecisionProcedureModel()
        model.$decision.id = decision
        model.procedure = procedure.rawValue
        model.status = ProcedureStatus.complete.code
        model.data = String(decoding: try encoder.encode(fields), as: UTF8.self)
        model.reason = ""
        model.recordedBy = "演示数据"
        model.recordedAt = now
        try await model.create(on: tx)
    }

    /// A roster adviser named among a decision's experts took part in its expert argument.
    static func adviserEngagements(_ rows: [[String: String]], decisionIDs: [String: UUID], at now: Date, on tx: any Database) async throws {
        let advisers = try await AdviserModel.query(on: tx).all()
        for row in rows {
            guard let key = row["key"], let id = decisionIDs[key], let experts = row["experts"], let date = row["expertDate"] else { continue }
            for adviser in advisers where experts.contains(adviser.organisation + adviser.name) {
                let engagement = AdviserEngagementModel()
                engagement.$adviser.id = adviser.id!
                engagement.subjectType = EngagementSubject.decision.rawValue
                engagement.subjectID = id
                engagement.subjectTitle = row["title"] ?? ""
                engagement.date = date
                engagement.summary = "参加专家论证，出具书面论证意见：\(row["expertConclusion"] ?? "")"
                engagement.createdAt = now
                try await engagement.create(on: tx)
            }
        }
    }

    static func catalogue(_ rows: [[String: String]], units: [String: UUID], decisionIDs: [String: UUID], at now: Date, on tx: any Database) async throws {
        guard let first = rows.first else { return }
        let catalogue = DecisionCatalogueModel()
        catalogue.id = UUID()
        catalogue.year = 2020
        catalogue.approvedOn = first["approvedOn"]
        catalogue.approvedBy = first["approvedBy"]
        catalogue.publishedOn = first["publishedOn"]
        catalogue.createdAt = now
        try await catalogue.create(on: tx)
        for row in rows {
            guard let item = row["item"], let unit = row["proposingUnit"].flatMap({ units[$0] }) else {
                throw Problem(description: "demo catalogue row invalid: \(row["item"] ?? "?")")
            }
            let model = DecisionCatalogueItemModel()
            model.$catalogue.id = catalogue.id!
            model.item = item
            model.subject = row["subject"] ?? ""
            model.$proposingUnit.id = unit
            model.basis = row["basis"] ?? ""
            model.plannedTiming = row["plannedTiming"] ?? ""
            model.decisionID = row["decisionKey"].flatMap { decisionIDs[$0] }
            model.remark = row["remark"] ?? ""
            try await model.create(on: tx)
        }
    }

    /// A decision of the current year in its consultation period (opened ten days before the demo was loaded),
    /// with comments from the portal: one published with its handling, two awaiting moderation.
    static func openConsultation(units: [String: UUID], box: SecretBox, today: LocalDate, calendar: LegalCalendar, rules: DecisionRules,
                                 at now: Date, on db: any Database) async throws {
        guard let unit = units["凤凰县住房和城乡建设局"] else { throw Problem(description: "demo unit 凤凰县住房和城乡建设局 missing") }
        let start = today.adding(days: -10)
        let end = start.adding(days: rules.consultationMinimumDays + 5)
        let channel = "凤凰县人民政府门户网站“政民互动·意见征集”专栏公开征求意见"
        try PublicParticipationRecord.validate(consultationStart: start.description, consultationEnd: end.description, shortenedReason: nil, channel: channel,
                                               commentsReceived: "0", feedbackPublishedOn: nil, hearingHeld: false, hearingDate: nil,
                                               today: today, calendar: calendar, rules: rules).checked("demo consultation")
        let title = "《凤凰县城区公共停车泊位收费管理办法》"
        try await db.writeTransaction { tx in
            let decision = DecisionModel()
            decision.id = UUID()
            decision.$proposingUnit.id = unit
            decision.title = title
            decision.catalogueYear = today.year
            decision.basis = "《中华人民共和国价格法》《湖南省定价目录》《湖南省机动车停放服务收费管理办法》"
            decision.draftText = """
                第一条　为规范城区公共停车泊位收费行为，合理配置停车资源，根据有关法律法规，结合本县实际，制定本办法。
                第二条　本办法适用于本县城区道路和政府投资建设的公共停车场内公共停车泊位的收费管理。
                第三条　公共停车泊位收费实行政府定价，按照区域、时段差别化收费；收费标准由县发展和改革局会同县住房和城乡建设局拟定，报县人民政府批准后公布。
                第四条　残疾人专用车辆、执行任务的军车、警车、消防车、救护车等特种车辆免费停放。
                第五条　（演示数据，以下条文从略。）
                """
            decision.explanation = "（演示数据）城区机动车保有量逐年增加，停车泊位供需矛盾突出。起草单位在调研周边县市做法、测算泊位运营成本的基础上起草了本办法草案，现公开征求社会公众意见。"
            decision.state = DecisionState.procedures.rawValue
            decision.consultationStart = start.description
            decision.consultationEnd = end.description
            decision.createdAt = now
            decision.updatedAt = now
            try await decision.create(on: tx)
            // This year's catalogue lists it, approved and published before the consultation opened.
            let catalogue = DecisionCatalogueModel()
            catalogue.id = UUID()
            catalogue.year = today.year
            catalogue.approvedOn = start.adding(days: -20).description
            catalogue.approvedBy = "中共凤凰县委常委会"
            catalogue.publishedOn = start.adding(days: -15).description
            catalogue.createdAt = now
            try await catalogue.create(on: tx)
            let item = DecisionCatalogueItemModel()
            item.$catalogue.id = catalogue.id!
            item.item = "制定\(title)"
            item.subject = "凤凰县人民政府"
            item.$proposingUnit.id = unit
            item.basis = decision.basis
            item.plannedTiming = "\(today.year)年\(end.month)月"
            item.decisionID = decision.id
            item.remark = "由\(today.year - 1)年度目录调整列入"
            try await item.create(on: tx)
            try await store(.publicParticipation, fields: ["consultationStart": start.description, "consultationEnd": end.description, "channel": channel,
                                                          "commentsReceived": "0", "hearingHeld": "false"],
                            decision: decision.id!, at: now, on: tx)
            let comments: [(name: String, contact: String, content: String, state: CommentModerationState, handling: String)] = [
                ("吴先生", "13907431234", "建议在古城景区周边设置短时免费停放时段（如 15 分钟），方便接送老人小孩。", .approved,
                 "已研究，拟在第三条增加短时免费停放的规定，具体时长在收费标准中明确。"),
                ("", "tuojiang.resident@example.com", "夜间（22时至次日7时）居民区周边泊位能否按包月收费？", .pending, ""),
                ("龙女士", "0743-3221234", "收费标准调整应当举行听证，听取市民和经营者意见。", .pending, ""),
            ]
            for (index, comment) in comments.enumerated() {
                let model = DecisionCommentModel()
                model.$decision.id = decision.id!
                model.ownerUnitID = unit
                model.name = comment.name
                model.contactSealed = try box.seal(try ContactDetail.validate(comment.contact).get().value)
                model.content = comment.content
                model.state = comment.state.rawValue
                model.moderationReason = ""
                model.handling = comment.handling
                model.moderatedBy = comment.state == .pending ? nil : "演示数据"
                model.moderatedAt = comment.state == .pending ? nil : now
                model.sourceAddress = "203.0.113.\(10 + index)"
                model.submittedAt = now.addingTimeInterval(Double(index - 3) * 86_400)
                try await model.create(on: tx)
            }
        }
    }
}

extension Result where Failure == FieldErrors {
    /// The demo data must pass the rules the forms apply; a row that does not is a bug in the data.
    @discardableResult
    func checked(_ what: String) throws -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let errors): throw DemoDocuments.Problem(description: "demo \(what): \(errors)")
        }
    }
}

import Testing
@testable import FazhiCore

@Suite("Report: default templates")
struct DefaultReportTemplatesTests {
    static func keysBySection() throws -> [ReportSectionKey: [String]] {
        var keys: [ReportSectionKey: [String]] = [:]
        for section in ReportSectionKey.allCases {
            keys[section] = try ReportTemplate(DefaultReportTemplates.text(for: section)).keys
        }
        return keys
    }

    @Test func everyTemplateParsesAndNoKeyIsInTwoSections() throws {
        var owner: [String: ReportSectionKey] = [:]
        for (section, keys) in try Self.keysBySection() {
            for key in keys {
                #expect(owner[key] == nil, "\(key) in \(section) and \(owner[key].map(\.rawValue) ?? "")")
                owner[key] = section
            }
        }
        #expect(owner.count == 78)
    }

    /// Each figure sits in the section of its module (ReportSectionKey.modules).
    @Test func keysBelongToTheirSectionsModules() throws {
        for (section, keys) in try Self.keysBySection() {
            for key in keys {
                let module = String(key.split(separator: ".")[0])
                #expect(section.modules.contains(module), "\(key) in \(section)")
            }
        }
    }

    @Test
    func everyCatalogueFigureOfTheSeedIsInExactlyOneSection() throws {
        let tsvKeys = try ReportFixtures.figureRows().map(\.key)
        #expect(tsvKeys.count == 78)
        let keysBySection = try Self.keysBySection()
        for key in tsvKeys {
            let sections = ReportSectionKey.allCases.filter { keysBySection[$0]!.contains(key) }
            #expect(sections.count == 1, "\(key) is in \(sections.map(\.rawValue))")
        }
        let known = Set(tsvKeys)
        for section in ReportSectionKey.allCases {
            #expect(ReportTemplate.validate(DefaultReportTemplates.text(for: section), knownKeys: known).isEmpty, "\(section)")
        }
    }

    @Test func numberedSectionsHaveHeadings() {
        for section in ReportSectionKey.allCases {
            #expect((DefaultReportTemplates.heading(for: section) != nil) == section.isNumbered, "\(section)")
        }
        #expect(DefaultReportTemplates.heading(for: .decisionMaking) == "健全合法性审查工作机制，推行依法科学民主决策")
        #expect(DefaultReportTemplates.text(for: .closing) == "专此报告。")
        #expect(DefaultReportTemplates.text(for: .otherMatters) == "")
    }

    /// Where the seed says 截至…, so does the template, with the figure's own cut-off date.
    @Test func cutOffDatesFollowTheSeed() throws {
        let disputes = try ReportTemplate(DefaultReportTemplates.text(for: .disputes))
        let cutOffs = disputes.segments.compactMap { segment -> String? in
            if case .cutOffDate(let key) = segment { return key }
            return nil
        }
        #expect(cutOffs == ["mediation.disputes", "reconsideration.received", "litigation.received"])
    }

    @Test func aNewDraftForAnotherCountyAndYear() throws {
        let draft = DefaultReportTemplates.draft(year: 2023, region: "麻阳苗族自治县")
        #expect(draft.title == "关于2023年度法治政府建设工作的报告")
        #expect(draft.signatories == ["中共麻阳苗族自治县委", "麻阳苗族自治县人民政府"])
        #expect(draft.date == nil)
        #expect(DefaultReportTemplates.draft(year: 2023, region: "鹤城区").signatories == ["中共鹤城区委", "鹤城区人民政府"])
        let report = try draft.render { _ in ResolvedFigure(value: StatisticValue(count: 7), asOf: LocalDate(year: 2023, month: 12, day: 31)!) }
        let parts = report.blocks.filter { $0.kind == .partHeading }.map(\.text)
        #expect(parts == ["一、工作开展情况", "二、2024年法治政府建设重点工作"])
        #expect(report.blocks.first?.text == "关于2023年度法治政府建设工作的报告")
        #expect(report.blocks.filter { $0.kind == .subheading }.map(\.text).first == "（一）加强党对法治政府建设的领导")
    }

    @Test
    func rendersTheSeedsFiguresInTheSeedsWords() throws {
        let resolve = try ReportFixtures.tsvResolver()
        let report = try DefaultReportTemplates.draft(year: 2020, region: "凤凰县").render(resolve: resolve)
        #expect(report.problems.isEmpty)
        let text = report.blocks.map(\.text).joined(separator: "\n")
        for phrase in [
            "截至2020年12月31日，2020年全县出台规范性文件共43件，其中县政府规范性文件26件",
            "共审查各类合同协议90余份，政府合同备案13份。",
            "截至2020年11月30日，全县共调处各类矛盾纠纷1356件，调解成功1330件，调解率100%，成功率98%。",
            "挽回经济损失80余万元",
            "发放法律宣传资料18万余册",
            "受教育群众12.8万余人。",
            "全县“一件事一次办”累计办件113927件。",
            "（二）健全合法性审查工作机制，推行依法科学民主决策",
        ] {
            #expect(text.contains(phrase), "\(phrase)")
        }
    }
}

import Dedup
import Foundation
import Testing

/// Verdicts of ``Verifier`` on texts written for the test: every kind of copy, and the pairs that must not be copies.
@Suite("Verifier verdicts")
struct VerifierTests {
    let fingerprinter = Fingerprinter()
    let verifier = Verifier()

    func assess(copy: String, original: String, policy: MatchPolicy = .standard) throws -> Verifier.Assessment {
        try Verifier(policy: policy).assess(
            copy: fingerprinter.fingerprint(copy), original: fingerprinter.fingerprint(original))
    }

    // MARK: - Exact

    @Test("the same text with other whitespace, case and curly quotes is an exact copy")
    func restyledTextIsExact() throws {
        var prose = MatchingProse(seed: 101)
        var story = prose.story(minimumWords: 300)
        story.paragraphs[1].append("\"It's the council's call now,\" said the mayor's office.")
        let original = story.text
        let restyled = VerifierTests.restyle(original)
        #expect(restyled != original)
        #expect(restyled.contains("\u{201C}") && restyled.contains("\u{2019}"))

        let assessment = try assess(copy: restyled, original: original)
        #expect(assessment.kind == .exact)
        #expect(assessment.scores.jaccard == 1)
        #expect(assessment.scores.shorter == .equal)
        #expect(assessment.rule == "identical after normalization")

        // One changed word is no longer exact.
        let edited = original.replacingFirst("council's call", with: "council's choice")
        #expect(try assess(copy: edited, original: original).kind != .exact)
    }

    // MARK: - Near-duplicates

    @Test("a reprint with a new headline, a fixed typo, an added sentence and 1,200 written 1200 is a near-duplicate")
    func reprintWithSmallEditsIsNearDuplicate() throws {
        var prose = MatchingProse(seed: 202)
        var story = prose.story(minimumWords: 380)
        story.paragraphs[0].append("Organizers said they had recieved more letters than at any meeting in memory.")
        story.paragraphs[1].append("Roughly 1,200 households were still without running water that night.")
        let original = story.text

        var reprint = story
        reprint.headline = prose.headline()
        reprint.paragraphs[0][reprint.paragraphs[0].count - 1] =
            "Organizers said they had received more letters than at any meeting in memory."
        reprint.paragraphs[1][reprint.paragraphs[1].count - 1] =
            "Roughly 1200 households were still without running water that night."
        reprint.paragraphs[2].append(prose.sentence())
        #expect(reprint.headline != story.headline)

        let assessment = try assess(copy: reprint.text, original: original)
        #expect(assessment.kind == .nearDuplicate)
        #expect(assessment.scores.jaccard >= MatchPolicy.standard.nearDuplicateThreshold)
        #expect(assessment.scores.jaccard < 1)
        // The added sentence only adds figures; "1,200" and "1200" are the same figure: nothing is replaced.
        #expect(assessment.template?.replaced == 0)
        #expect(assessment.template?.isTemplate == false)
    }

    @Test("a long story with one corrected figure is still a copy")
    func longStoryWithOneCorrectedFigureIsACopy() throws {
        var prose = MatchingProse(seed: 303)
        var story = prose.story(minimumWords: 540)
        story.paragraphs[1].append("An earlier count had put the number of damaged homes at 1,450.")
        let original = story.text
        var corrected = story
        corrected.paragraphs[1][corrected.paragraphs[1].count - 1] =
            "An earlier count had put the number of damaged homes at 1,540."

        let fingerprint = fingerprinter.fingerprint(original)
        try #require(fingerprint.tokenCount >= 500)
        let assessment = try assess(copy: corrected.text, original: original)
        #expect(assessment.kind == .nearDuplicate)
        #expect(assessment.template?.replaced == 1)
        #expect(assessment.template?.isTemplate == false)
        #expect((assessment.template?.replacedPer100Tokens ?? .infinity) < TemplateRule.standard.replacedPer100Tokens)
    }

    // MARK: - Contained copies

    @Test("the first 60% of a long story is a contained copy, the copy being the shorter")
    func truncatedCopyIsContained() throws {
        var prose = MatchingProse(seed: 404)
        let story = prose.story(minimumWords: 450)
        let truncated = VerifierTests.leadingShare(0.6, of: story)
        let share = Double(MatchingProse.wordCount(truncated)) / Double(story.wordCount)
        try #require(share > 0.55 && share < 0.7)

        let assessment = try assess(copy: truncated, original: story.text)
        #expect(assessment.kind == .contained)
        #expect(assessment.scores.shorter == .copy)
        #expect(assessment.scores.containment == assessment.scores.containmentOfCopy)
        #expect(assessment.scores.containment >= MatchPolicy.standard.containmentThreshold)
        #expect(assessment.scores.jaccard < MatchPolicy.standard.nearDuplicateThreshold)
    }

    @Test("an update that adds two paragraphs to the whole original contains it, the original being the shorter")
    func extendedUpdateContainsOriginal() throws {
        var prose = MatchingProse(seed: 505)
        let story = prose.story(minimumWords: 300)
        var update = story
        update.paragraphs.append(prose.paragraph(sentences: 5))
        update.paragraphs.append(prose.paragraph(sentences: 5))

        let assessment = try assess(copy: update.text, original: story.text)
        #expect(assessment.kind == .contained)
        #expect(assessment.scores.shorter == .original)
        #expect(assessment.scores.containment == assessment.scores.containmentOfOriginal)
        #expect(assessment.scores.containment >= MatchPolicy.standard.containmentThreshold)
        #expect(assessment.template?.replaced == 0)

        // The same pair the other way round: the copy is now the shorter side.
        let reversed = try assess(copy: story.text, original: update.text)
        #expect(reversed.kind == .contained)
        #expect(reversed.scores.shorter == .copy)
    }

    // MARK: - Not copies

    @Test(
        "a template story re-issued with other figures is not a copy, by the template rule",
        arguments: [(extraParagraphs: 0, changed: 2), (extraParagraphs: 2, changed: 3)])
    func templateStoryIsNotACopy(extraParagraphs: Int, changed: Int) throws {
        let first = VerifierTests.cargoReport(
            .init(day: 16, handled: "41,250", previous: "39,800"), extraParagraphs: extraParagraphs)
        let second = VerifierTests.cargoReport(
            .init(day: changed == 3 ? 17 : 16, handled: "44,610", previous: "40,125"), extraParagraphs: extraParagraphs)

        let assessment = try assess(copy: second, original: first)
        #expect(assessment.kind == nil)
        let template = try #require(assessment.template)
        #expect(template.isTemplate)
        #expect(template.replaced == changed)
        #expect(assessment.rule.hasPrefix("template story"))

        // The rule, not the similarity, decides: without it the pair is a near-duplicate.
        var noRule = MatchPolicy.standard
        noRule.templateRule.isEnabled = false
        #expect(try assess(copy: second, original: first, policy: noRule).kind == .nearDuplicate)
    }

    @Test("a short money-market item with two or three other figures is not a copy")
    func shortTemplateItemIsNotACopy() throws {
        func item(_ day: String, _ amount: String, _ rate: String) -> String {
            "Bank of Ashcombe adds \(amount) billion crowns to money market\n"
                + "The Bank of Ashcombe said it added \(amount) billion crowns to the money market on \(day) "
                + "through a seven-day repurchase operation at an average rate of \(rate) percent. The bank said the "
                + "operation was meant to smooth liquidity ahead of the quarterly tax date, and that dealers had "
                + "bid for more than the amount on offer."
        }
        let original = item("Tuesday", "1.25", "4.10")
        let threeChanged = item("Wednesday", "1.75", "4.15")
        let twoChanged = item("Tuesday", "2.40", "4.20")
        try #require(fingerprinter.fingerprint(original).tokenCount >= 50)
        try #require(fingerprinter.fingerprint(original).tokenCount <= 70)
        #expect(try assess(copy: threeChanged, original: original).kind == nil)
        #expect(try assess(copy: twoChanged, original: original).kind == nil)
    }

    @Test("two unrelated stories are not copies")
    func unrelatedStoriesAreNotCopies() throws {
        var first = MatchingProse(seed: 606)
        var second = MatchingProse(seed: 607)
        let a = first.story(minimumWords: 320).text
        let b = second.story(minimumWords: 320).text
        let assessment = try assess(copy: b, original: a)
        #expect(assessment.kind == nil)
        #expect(assessment.scores.jaccard < MatchPolicy.standard.nearDuplicateThreshold)
        #expect(assessment.scores.containment < MatchPolicy.standard.containmentThreshold)
    }

    @Test("a sentence or a paragraph lifted from a long story is not reported")
    func tinyFragmentIsNotReported() throws {
        var prose = MatchingProse(seed: 707)
        let story = prose.story(minimumWords: 420)
        let sentence = story.sentences[3]
        let paragraph = story.paragraphs[1].joined(separator: " ")
        for fragment in [sentence, paragraph] {
            #expect(try assess(copy: fragment, original: story.text).kind == nil)
            #expect(try assess(copy: story.text, original: fragment).kind == nil)
        }
    }

    @Test("a wholly contained fragment with fewer than minimumContainedShingles shingles is not contained")
    func fragmentBelowShingleFloorIsNotContained() throws {
        var prose = MatchingProse(seed: 808)
        let story = prose.story(minimumWords: 60)
        let fragment = story.sentences[1]
        let shingles = fingerprinter.fingerprint(fragment).shingleCount
        try #require(shingles >= 8 && shingles < 20)
        // Only the shingle floor stands in the way: the ratio floor is off and the containment bar is low.
        var policy = MatchPolicy.standard
        policy.containmentThreshold = 0.5
        policy.minimumContainedRatio = 0.01
        let assessment = try assess(copy: fragment, original: story.text, policy: policy)
        #expect(assessment.kind == nil)
        #expect(assessment.rule.contains("fewer than 20"))

        policy.minimumContainedShingles = shingles
        #expect(try assess(copy: fragment, original: story.text, policy: policy).kind == .contained)
    }

    @Test("a wholly contained fragment below minimumContainedRatio of the longer text is not contained")
    func fragmentBelowRatioFloorIsNotContained() throws {
        var prose = MatchingProse(seed: 909)
        let story = prose.story(minimumWords: 420)
        let fragment = story.paragraphs[2].joined(separator: " ")
        let shorter = fingerprinter.fingerprint(fragment).shingleCount
        let longer = fingerprinter.fingerprint(story.text).shingleCount
        let ratio = Double(shorter) / Double(longer)
        try #require(shorter >= 20 && ratio < 0.3)
        var policy = MatchPolicy.standard
        policy.containmentThreshold = 0.5
        let assessment = try assess(copy: fragment, original: story.text, policy: policy)
        #expect(assessment.kind == nil)
        #expect(assessment.rule.contains("below the contained-copy floor"))

        policy.minimumContainedRatio = ratio / 2
        #expect(try assess(copy: fragment, original: story.text, policy: policy).kind == .contained)
    }

    @Test("an empty document matches nothing, not even another empty document")
    func emptyDocumentsMatchNothing() throws {
        #expect(try assess(copy: "", original: "").kind == nil)
        #expect(try assess(copy: " -- ", original: "").kind == nil)
        var prose = MatchingProse(seed: 1)
        let story = prose.story(minimumWords: 100).text
        #expect(try assess(copy: "", original: story).kind == nil)
        #expect(try assess(copy: story, original: "").kind == nil)
    }

    @Test("fingerprints made with other settings are refused")
    func mismatchedSettingsThrow() throws {
        var prose = MatchingProse(seed: 2)
        let text = prose.story(minimumWords: 100).text
        let other = Fingerprinter(
            settings: MinHashSettings(scheme: .permutations, length: 128, seed: 42, shingleSize: 5))
        #expect(throws: MinHashSettingsMismatch.self) {
            try verifier.assess(copy: fingerprinter.fingerprint(text + " More."), original: other.fingerprint(text))
        }
        #expect(throws: MinHashSettingsMismatch.self) {
            try verifier.assess(copy: fingerprinter.fingerprint(text), original: other.fingerprint(text))
        }
    }

    // MARK: - Nothing below the thresholds

    static let policies: [MatchPolicy] = [
        .standard,
        MatchPolicy(
            nearDuplicateThreshold: 0.7, containmentThreshold: 0.85, minimumContainedRatio: 0.3,
            minimumContainedShingles: 30, templateRule: TemplateRule(minimumReplaced: 2, replacedPer100Tokens: 1.5)),
    ]

    /// Over many random pairs, from unrelated to identical, every reported pair clears a threshold.
    @Test("nothing below the thresholds is ever reported", arguments: policies)
    func nothingBelowThresholdsIsReported(policy: MatchPolicy) throws {
        let verifier = Verifier(policy: policy)
        var random = MatchingProse(seed: 0xC0FFEE)
        var reported = 0
        var notReported = 0
        var kindsSeen = Set<CopyKind>()
        for pair in 0..<300 {
            var prose = MatchingProse(seed: UInt64(pair) &* 7919 &+ 13)
            let story = prose.story(minimumWords: random.int(60...420))
            let derived = VerifierTests.randomDerivative(of: story, prose: &prose, random: &random)
            let a = fingerprinter.fingerprint(story.text)
            let b = fingerprinter.fingerprint(derived)
            for (copy, original) in [(b, a), (a, b)] {
                let assessment = try verifier.assess(copy: copy, original: original)
                guard let kind = assessment.kind else {
                    notReported += 1
                    continue
                }
                reported += 1
                kindsSeen.insert(kind)
                let scores = assessment.scores
                #expect(
                    scores.jaccard >= policy.nearDuplicateThreshold
                        || scores.containment >= policy.containmentThreshold,
                    "pair \(pair): \(kind) with \(scores)")
                switch kind {
                case .exact:
                    #expect(copy.contentHash == original.contentHash && copy.tokenCount == original.tokenCount)
                case .nearDuplicate:
                    #expect(scores.jaccard >= policy.nearDuplicateThreshold, "pair \(pair): \(scores)")
                    #expect(assessment.template?.isTemplate == false)
                case .contained:
                    let shorter = min(copy.shingleCount, original.shingleCount)
                    let longer = max(copy.shingleCount, original.shingleCount)
                    #expect(scores.containment >= policy.containmentThreshold, "pair \(pair): \(scores)")
                    #expect(shorter >= policy.minimumContainedShingles, "pair \(pair)")
                    #expect(Double(shorter) / Double(longer) >= policy.minimumContainedRatio, "pair \(pair)")
                    #expect(assessment.template?.isTemplate == false)
                }
            }
        }
        // Every outcome occurs, so the property was actually exercised.
        #expect(reported >= 50)
        #expect(notReported >= 50)
        #expect(kindsSeen == Set(CopyKind.allCases))
    }

    // MARK: - Text helpers

    /// The same text as a different newsroom system would store it: curly quotes and apostrophes, other case, and
    /// other whitespace.
    static func restyle(_ text: String) -> String {
        var output = ""
        var openQuote = true
        var wordIndex = 0
        var word = ""
        func flushWord() {
            guard !word.isEmpty else { return }
            output += wordIndex % 3 == 0 ? word.uppercased() : (wordIndex % 3 == 1 ? word.lowercased() : word)
            wordIndex += 1
            word = ""
        }
        for character in text {
            switch character {
            case "\"":
                flushWord()
                output += openQuote ? "\u{201C}" : "\u{201D}"
                openQuote.toggle()
            case "'":
                word += "\u{2019}"
            case " ":
                flushWord()
                output += wordIndex % 5 == 0 ? "  " : (wordIndex % 7 == 0 ? "\t" : " ")
            case "\n":
                flushWord()
                output += " \n\n  "
            default:
                word.append(character)
            }
        }
        flushWord()
        return "  " + output + "\n"
    }

    /// The headline and the leading sentences of the body making up about `share` of the words.
    static func leadingShare(_ share: Double, of story: MatchingProse.Story) -> String {
        let target = Int(Double(story.wordCount) * share)
        var words = MatchingProse.wordCount(story.headline)
        var kept: [String] = []
        for sentence in story.sentences where words < target {
            kept.append(sentence)
            words += MatchingProse.wordCount(sentence)
        }
        return story.headline + "\n" + kept.joined(separator: " ")
    }

    struct ReportFigures {
        var day: Int
        var handled: String
        var previous: String
    }

    /// A daily port cargo report: the same sentences every day, with that day's figures.
    static func cargoReport(_ figures: ReportFigures, extraParagraphs: Int) -> String {
        var paragraphs = [
            "Port authority daily cargo report",
            "Terminals at Corwen Bay handled \(figures.handled) tonnes of general cargo on March \(figures.day), "
                + "up from \(figures.previous) tonnes the day before, the harbor commission said in its morning "
                + "bulletin. Container berths remained the busiest part of the port, with the north quay working "
                + "through the night to clear vessels held back by fog earlier in the week.",
            "Grain exports moved steadily through the east silos, and the fuel jetty reported normal operations. "
                + "The commission reminded shippers that pilot bookings must be confirmed by noon the day before "
                + "arrival, and that the outer anchorage is closed to smaller craft while dredging continues near the "
                + "channel mouth.",
            "Harbor masters expect calmer weather over the coming days, which should ease the queue of ships waiting "
                + "offshore. Inquiries about berth allocation should go to the operations desk, which is staffed "
                + "around the clock.",
        ]
        let more = [
            "Rail sidings behind the container yard were cleared on schedule, and the freight operator said wagons "
                + "for inland routes would be loaded in the usual order. Trucks arriving at the south gate should "
                + "expect short waits during the morning shift change, when security checks take longer than usual.",
            "The cold store on the fish quay accepted deliveries as normal, while the ro-ro ramp will close briefly "
                + "for inspection after the evening sailing. Agents were asked to send updated cargo manifests as soon "
                + "as they are available, so that customs teams can plan inspections without holding up departures.",
        ]
        paragraphs.append(contentsOf: more.prefix(extraParagraphs))
        return paragraphs.joined(separator: "\n")
    }

    /// A random relative of `story`: unrelated, restyled, edited, truncated, extended, or with figures changed.
    static func randomDerivative(
        of story: MatchingProse.Story, prose: inout MatchingProse, random: inout MatchingProse
    ) -> String {
        switch random.int(0...6) {
        case 0:
            var other = MatchingProse(seed: random.next())
            return other.story(minimumWords: random.int(60...420)).text
        case 1:
            return restyle(story.text)
        case 2:
            return leadingShare(Double(random.int(10...95)) / 100, of: story)
        case 3:
            var extended = story
            for _ in 0..<random.int(1...4) { extended.paragraphs.append(prose.paragraph(sentences: random.int(1...4))) }
            return extended.text
        case 4:
            var edited = story
            for _ in 0..<random.int(1...8) {
                let p = random.int(0...(edited.paragraphs.count - 1))
                let s = random.int(0...(edited.paragraphs[p].count - 1))
                switch random.int(0...2) {
                case 0: edited.paragraphs[p][s] = prose.sentence()
                case 1: if edited.paragraphs[p].count > 1 { edited.paragraphs[p].remove(at: s) }
                default: edited.paragraphs[p].insert(prose.sentence(), at: s)
                }
            }
            if random.chance(0.5) { edited.headline = prose.headline() }
            return edited.text
        case 5:
            // Other figures in the same sentences: a template re-issue.
            var digits = 0
            return String(
                story.text.map { character -> Character in
                    guard character.isNumber else { return character }
                    digits += 1
                    return digits % random.int(1...4) == 0 ? Character(String(random.int(0...9))) : character
                })
        default:
            var mixed = story
            let keep = random.int(1...max(1, mixed.paragraphs.count))
            mixed.paragraphs = Array(mixed.paragraphs.suffix(keep))
            var other = MatchingProse(seed: random.next())
            mixed.paragraphs.append(contentsOf: other.story(minimumWords: random.int(20...200)).paragraphs)
            return mixed.text
        }
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

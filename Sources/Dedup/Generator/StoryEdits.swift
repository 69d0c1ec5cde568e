/// The copy operations that change a story's text: edits, truncation and extension.
///
/// Edits are budgeted in shingles so that an edited copy stays a near-duplicate by construction: every change
/// costs the 5-word shingles it destroys in the original plus those it creates in the copy, and the total stays
/// within a tenth of the story's shingles (at least 10), so the true Jaccard similarity is about 0.9 or more.
/// No edit replaces a figure (a copy must never look like a template story with other figures): typos are fixed,
/// "14 percent" becomes "14%", "1,200" becomes "1200", sentences without figures are added, sentences dropped.
enum StoryEdits {
    /// The shingle size the budget is counted in (the detector's default).
    static let shingleSize = 5

    /// An edited version of `story` and its headline.
    /// - Parameter damagedPages: how many of the two pages (original and copy) get scrape noise, whose changes
    ///   come out of the same budget.
    static func edit(
        _ story: StoryText, title: [UInt8], facts: EventFacts, writer: StoryWriter, allowHeadlineChange: Bool,
        damagedPages: Int, random: inout SplitMix64
    ) -> (text: [UInt8], title: [UInt8]) {
        let titleTokens = StoryText.countTokens(title[...])
        let shingles = story.tokenCount + titleTokens
        let noise = damagedPages * 2 * shingleSize * ScrapeNoise.errors(tokens: story.tokenCount)
        var budget = max(10, shingles / 10 - noise)
        let junction = shingleSize - 1
        var fixed = [Bool](repeating: false, count: story.spots.count)
        var dropped = -1
        var addAfter = -1
        var added: [UInt8] = []
        var newTitle = title
        var changed = false

        var operations = [0, 1, 2, 3, 4, 5]
        for index in operations.indices.reversed() { operations.swapAt(index, random.below(index + 1)) }
        for operation in operations {
            switch operation {
            case 0 where allowHeadlineChange && random.chance(0.6):
                let cost = 2 * (titleTokens + junction)
                guard cost <= budget else { continue }
                var headline = writer.headline(facts: facts, random: &random)
                if headline == title { headline = writer.headline(facts: facts, random: &random) }
                if headline != title {
                    newTitle = headline
                    budget -= cost
                    changed = true
                }
            case 1:
                // Fix the typos the budget allows.
                for (index, spot) in story.spots.enumerated() where spot.kind == .typo && budget >= 2 * shingleSize {
                    fixed[index] = true
                    budget -= 2 * shingleSize
                    changed = true
                }
            case 2 where random.chance(0.6):
                let percents = story.spots.indices.filter { story.spots[$0].kind == .percent }
                guard !percents.isEmpty, budget >= 2 * shingleSize else { continue }
                fixed[percents[random.below(percents.count)]] = true
                budget -= 2 * shingleSize
                changed = true
            case 3 where random.chance(0.5):
                // Regrouping digits changes no token: an edit a reader sees and normalization does not.
                for (index, spot) in story.spots.enumerated() where spot.kind == .groupedNumber { fixed[index] = true }
            case 4 where random.chance(0.6):
                for _ in 0..<6 {
                    let index = random.below(story.units.count)
                    let unit = story.units[index]
                    let cost = Int(unit.tokens) + 2 * junction
                    if unit.paragraph > 0 && cost <= budget {
                        dropped = index
                        budget -= cost
                        changed = true
                        break
                    }
                }
            case 5 where random.chance(0.6) && budget >= 8 + 2 * junction:
                let sentence = writer.addedSentence(facts: facts, maxTokens: budget - 2 * junction, random: &random)
                addAfter = random.below(story.units.count)
                added = sentence
                budget -= StoryText.countTokens(sentence[...]) + 2 * junction
                changed = true
            default:
                continue
            }
        }
        if !changed {
            // The smallest visible edit: a short closing sentence.
            added = writer.addedSentence(facts: facts, maxTokens: 0, random: &random)
            addAfter = story.units.count - 1
        }
        if addAfter == dropped { addAfter = dropped > 0 ? dropped - 1 : story.units.count - 1 }
        if addAfter == dropped { addAfter = -1 }
        return (rebuild(story, fixed: fixed, dropped: dropped, addAfter: addAfter, added: added), newTitle)
    }

    /// The story written out with the chosen spots replaced, one unit dropped and a sentence added.
    static func rebuild(_ story: StoryText, fixed: [Bool], dropped: Int, addAfter: Int, added: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(story.bytes.count + added.count + 16)
        var paragraph: Int32 = -1
        var wroteInParagraph = false
        var spot = 0
        story.bytes.withUnsafeBufferPointer { bytes in
            for (index, unit) in story.units.enumerated() {
                if unit.paragraph != paragraph {
                    paragraph = unit.paragraph
                    wroteInParagraph = false
                }
                if index == dropped {
                    while spot < story.spots.count && story.spots[spot].start < unit.end { spot += 1 }
                    continue
                }
                if wroteInParagraph {
                    out.append(0x20)
                } else if !out.isEmpty {
                    out.append(0x0A)
                }
                var position = Int(unit.start)
                while spot < story.spots.count && story.spots[spot].start < unit.end {
                    let current = story.spots[spot]
                    if fixed[spot] {
                        out.append(contentsOf: bytes[position..<Int(current.start)])
                        out.append(
                            contentsOf: story.alternates[Int(current.alternateStart)..<Int(current.alternateEnd)])
                        position = Int(current.end)
                    }
                    spot += 1
                }
                out.append(contentsOf: bytes[position..<Int(unit.end)])
                wroteInParagraph = true
                if index == addAfter {
                    out.append(0x20)
                    out.append(contentsOf: added)
                }
            }
        }
        return out
    }

    /// The first part of `story`: whole units up to about `fraction` of its tokens (never all of it, never less
    /// than the lead), and the share of tokens kept.
    static func truncate(_ story: StoryText, fraction: Double) -> (text: ArraySlice<UInt8>, kept: Double) {
        let target = Double(story.tokenCount) * fraction
        var cumulative = 0
        var cut = 0
        for (index, unit) in story.units.enumerated().dropLast() {
            let before = cumulative
            cumulative += Int(unit.tokens)
            cut = index
            if Double(cumulative) >= target {
                // The boundary nearer the target.
                if index > 0 && target - Double(before) < Double(cumulative) - target {
                    cut = index - 1
                    cumulative = before
                }
                break
            }
        }
        let end = Int(story.units[cut].end)
        return (story.bytes[..<end], Double(cumulative) / Double(max(1, story.tokenCount)))
    }
}

/// A template story a site publishes again and again with other figures: a daily fuel price survey, a market
/// close, a lottery draw. Two issues share every word but their figures and dates, so they are not copies.
///
/// Every paragraph of every template carries figures, so no paragraph repeats from one issue to the next (a line
/// repeated in every issue would rightly look like the site's chrome).
struct TemplateFamily: Sendable {
    enum Kind: CaseIterable, Sendable {
        case fuelPrices, marketClose, riverLevels, lottery, portTraffic, dividend, airQuality, cropDeliveries
    }

    let kind: Kind
    let site: Int
    let place: Int
    let organization: Int
    /// An invented name used by the template (the index, the river, the lottery).
    let stem: String
}

/// Writes the issues of template stories.
struct TemplateWriter {
    let material: GeneratorMaterial

    private struct Text {
        var story = StoryText()
        var random: SplitMix64
        let percentSign: Bool

        mutating func add(_ string: String) { story.bytes.append(contentsOf: string.utf8) }
        mutating func add(_ bytes: ArraySlice<UInt8>) { story.bytes.append(contentsOf: bytes) }

        /// A decimal with `decimals` places between `low` and `high` (in units of the last place).
        mutating func decimal(_ low: Int, _ high: Int, decimals: Int) {
            let value = random.inRange(low...high)
            var scale = 1
            for _ in 0..<decimals { scale *= 10 }
            appendGroupedDigits(value / scale, to: &story.bytes)
            if decimals > 0 {
                story.bytes.append(UInt8(ascii: "."))
                appendDigits(value % scale, width: decimals, to: &story.bytes)
            }
        }

        mutating func integer(_ low: Int, _ high: Int) {
            appendGroupedDigits(random.inRange(low...high), to: &story.bytes)
        }

        mutating func percent(_ low: Int, _ high: Int) {
            decimal(low, high, decimals: 1)
            add(percentSign ? "%" : " percent")
        }

        mutating func either(_ first: String, _ second: String) {
            add(random.chance(0.5) ? first : second)
        }

        mutating func paragraph(_ body: (inout Text) -> Void) {
            story.beginParagraph()
            story.beginUnit()
            body(&self)
            story.endUnit()
        }
    }

    /// One issue of `family`, dated `time`: its story and headline.
    func issue(of family: TemplateFamily, time: CivilTime, percentSign: Bool, seed: UInt64) -> (StoryText, [UInt8]) {
        var text = Text(random: SplitMix64(seed: seed), percentSign: percentSign)
        let place = material.places.string(family.place)
        let organization = material.organizations.string(family.organization)
        let weekday = GeneratorWords.weekdays[time.weekday]
        let nextWeekday = GeneratorWords.weekdays[(time.weekday + 1) % 7]
        let month = GeneratorWords.months[time.month - 1]
        let date = "\(month) \(time.day)"
        let stem = family.stem
        let title: String
        switch family.kind {
        case .fuelPrices:
            title = "\(place) fuel prices for \(date), \(time.year)"
            text.paragraph {
                $0.add("Average pump prices in \(place) stood at ")
                $0.decimal(130, 210, decimals: 2)
                $0.add(" a liter for regular fuel on \(weekday), ")
                $0.either("up ", "down ")
                $0.decimal(1, 9, decimals: 2)
                $0.add(" from a week earlier, according to the daily survey of ")
                $0.integer(120, 400)
                $0.add(" stations by the \(organization).")
            }
            text.paragraph {
                $0.add("Diesel averaged ")
                $0.decimal(130, 220, decimals: 2)
                $0.add(" a liter and premium fuel ")
                $0.decimal(150, 240, decimals: 2)
                $0.add(", while the cheapest regular fuel in the survey cost ")
                $0.decimal(120, 150, decimals: 2)
                $0.add(" at ")
                $0.integer(3, 40)
                $0.add(" stations.")
            }
            text.paragraph {
                $0.add("Prices have risen on ")
                $0.integer(1, 6)
                $0.add(" of the past 7 days, and the average is ")
                $0.decimal(1, 30, decimals: 2)
                $0.either(" above", " below")
                $0.add(" its level of ")
                $0.integer(1, 11)
                $0.add(" months ago.")
            }
        case .marketClose:
            title = "\(stem) Composite closes " + (text.random.chance(0.5) ? "higher" : "lower") + " on \(weekday)"
            text.paragraph {
                $0.add("The \(stem) Composite index closed ")
                $0.either("up ", "down ")
                $0.decimal(100, 9000, decimals: 2)
                $0.add(" points, or ")
                $0.percent(1, 35)
                $0.add(", at ")
                $0.decimal(300_000, 900_000, decimals: 2)
                $0.add(" on \(weekday), with ")
                $0.integer(40, 400)
                $0.add(" stocks advancing and ")
                $0.integer(40, 400)
                $0.add(" declining.")
            }
            text.paragraph {
                $0.add("Trading volume reached ")
                $0.decimal(1000, 9000, decimals: 1)
                $0.add(" million shares, against an average of ")
                $0.decimal(1000, 9000, decimals: 1)
                $0.add(" million over the past 30 sessions.")
            }
            text.paragraph {
                $0.add("Government bond yields for 10 years were ")
                $0.percent(10, 70)
                $0.add(", from ")
                $0.percent(10, 70)
                $0.add(" at the previous close, and the \(stem) crown traded at ")
                $0.decimal(5000, 15000, decimals: 4)
                $0.add(" per dollar late in the day.")
            }
        case .riverLevels:
            title = "\(stem) River levels at \(place), \(date)"
            text.paragraph {
                $0.add("The \(stem) River at \(place) measured ")
                $0.decimal(50, 900, decimals: 2)
                $0.add(" meters at ")
                $0.integer(6, 9)
                $0.add(" a.m. on \(weekday), ")
                $0.decimal(1, 200, decimals: 2)
                $0.either(" meters above", " meters below")
                $0.add(" its seasonal average, the \(organization) said.")
            }
            text.paragraph {
                $0.add("Upstream at the \(stem) Bridge gauge the level was ")
                $0.decimal(50, 900, decimals: 2)
                $0.add(" meters, ")
                $0.either("rising", "falling")
                $0.add(" by ")
                $0.integer(1, 80)
                $0.add(" centimeters in ")
                $0.integer(6, 24)
                $0.add(" hours.")
            }
            text.paragraph {
                $0.add("Rainfall over the catchment totaled ")
                $0.decimal(0, 900, decimals: 1)
                $0.add(" millimeters in the past 48 hours; ")
                $0.integer(0, 12)
                $0.add(" flood warnings remain in force.")
            }
        case .lottery:
            title = "\(stem) Lotto results for \(weekday), \(date)"
            text.paragraph {
                $0.add("The winning numbers in the \(weekday) draw of the \(stem) Lotto were ")
                for index in 0..<6 {
                    $0.integer(1, 49)
                    $0.add(index < 4 ? ", " : index == 4 ? " and " : "")
                }
                $0.add(", with bonus number ")
                $0.integer(1, 49)
                $0.add(".")
            }
            text.paragraph {
                $0.integer(2, 40)
                $0.add(" tickets matched five numbers and the bonus, each winning $")
                $0.integer(1000, 60_000)
                $0.add(", and ")
                $0.integer(100, 4000)
                $0.add(" tickets matched five numbers for $")
                $0.integer(50, 900)
                $0.add(" each.")
            }
            text.paragraph {
                if $0.random.chance(0.8) {
                    $0.add("No ticket matched all six numbers, and the jackpot for the next draw is estimated at $")
                } else {
                    $0.add("One ticket sold in \(place) matched all six numbers and wins $")
                }
                $0.decimal(10, 990, decimals: 1)
                $0.add(" million.")
            }
        case .portTraffic:
            title = "Port of \(place) weekly cargo report, \(date)"
            text.paragraph {
                $0.add("The port of \(place) handled ")
                $0.integer(8000, 90_000)
                $0.add(" containers in the week to \(weekday), ")
                $0.either("up ", "down ")
                $0.percent(1, 250)
                $0.add(" from the same week last year, the \(organization) said.")
            }
            text.paragraph {
                $0.integer(20, 160)
                $0.add(" vessels called at the port, with an average wait at anchor of ")
                $0.decimal(1, 900, decimals: 1)
                $0.add(" hours; bulk cargo totaled ")
                $0.integer(20_000, 900_000)
                $0.add(" tonnes.")
            }
            text.paragraph {
                $0.add("Since the start of the year the port has moved ")
                $0.integer(100_000, 4_000_000)
                $0.add(" containers, against ")
                $0.integer(100_000, 4_000_000)
                $0.add(" at this point last year.")
            }
        case .dividend:
            title = "\(organization) declares quarterly dividend for \(month)"
            let payMonth = GeneratorWords.months[time.month % 12]
            text.paragraph {
                $0.add("The board of the \(organization) declared a quarterly dividend of ")
                $0.integer(5, 95)
                $0.add(" cents per share on \(weekday), payable on \(payMonth) ")
                $0.integer(1, 28)
                $0.add(" to shareholders of record on \(month) ")
                $0.integer(1, 28)
                $0.add(".")
            }
            text.paragraph {
                $0.add("The previous quarterly dividend was ")
                $0.integer(5, 95)
                $0.add(" cents; the company reported earnings of $")
                $0.decimal(1, 900, decimals: 2)
                $0.add(" per share for the quarter, on revenue of $")
                $0.decimal(10, 990, decimals: 1)
                $0.add(" million.")
            }
        case .airQuality:
            title = "Air quality in \(place): readings for \(weekday), \(date)"
            text.paragraph {
                $0.add("The air quality index in \(place) averaged ")
                $0.integer(10, 180)
                $0.add(" on \(weekday), with a peak of ")
                $0.integer(20, 300)
                $0.add(" at ")
                $0.integer(1, 11)
                $0.add(" p.m. near the \(stem) monitoring station.")
            }
            text.paragraph {
                $0.add("Fine particle levels were ")
                $0.decimal(10, 900, decimals: 1)
                $0.add(" micrograms per cubic meter, against a daily guideline of 25; ozone peaked at ")
                $0.integer(20, 240)
                $0.add(".")
            }
            text.paragraph {
                $0.add("The \(organization) expects readings of ")
                $0.integer(10, 90)
                $0.add(" to ")
                $0.integer(91, 200)
                $0.add(" on \(nextWeekday).")
            }
        case .cropDeliveries:
            let crops = ["barley", "wheat", "apples", "potatoes", "oats", "pears"]
            let crop = crops[Int(UInt(bitPattern: stem.utf8.reduce(0) { $0 &* 31 &+ Int($1) }) % UInt(crops.count))]
            title = "\(place) \(crop) deliveries for the week to \(date)"
            text.paragraph {
                $0.add("Growers in the \(place) district delivered ")
                $0.integer(1000, 90_000)
                $0.add(" tonnes of \(crop) in the week to \(weekday), at an average price of $")
                $0.integer(90, 900)
                $0.add(" a tonne, the \(organization) reported.")
            }
            text.paragraph {
                $0.add("Deliveries so far this season total ")
                $0.integer(20_000, 900_000)
                $0.add(" tonnes, ")
                $0.percent(1, 300)
                $0.either(" above", " below")
                $0.add(" last season at this date.")
            }
            text.paragraph {
                $0.add("Moisture content averaged ")
                $0.percent(90, 180)
                $0.add(" and ")
                $0.integer(40, 95)
                $0.add(" percent of loads met the top grade.")
            }
        }
        return (text.story, Array(title.utf8))
    }
}

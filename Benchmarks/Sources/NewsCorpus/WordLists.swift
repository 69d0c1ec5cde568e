/// The vocabularies of ``NewsTextGenerator``, written for these benchmarks.
enum WordLists {
    /// English news vocabulary, most frequent first (the generator gives rank r the weight 1/r).
    static let english: [String] = """
        the of to and a in that said for on is was with it he as at by from his be have has are but not an
        they were which this will had their been would its more who after also new one than about year up two
        people first there other last over government when some out could into most years can told she time we
        percent her all no police minister only state three president week market before million since under
        while company city officials between back such report per where because during against billion public
        plan country national health month part group made including high former take day many court may both
        local well should next what them through like council according economy prices workers water service
        school children members union support bank shares money business growth deal spokesman statement
        announced expected around least still second third early late news world home across region party
        election vote leader talks companies investors analysts quarter profit revenue sales costs rates
        interest inflation jobs energy oil gas power storm flood weather bridge road traffic transport port
        ship cargo ferry airline flight airport hospital patients doctors nurses care emergency funding budget
        tax taxes spending debt loan housing homes tower rent residents neighbours community mayor councillors
        committee board chief executive director manager staff strike pay wages agreement dispute negotiations
        proposal plans project construction repairs closure opening season team match game players coach
        league cup final win won lost record fans stadium officers arrested charged judge trial sentence
        prison jury evidence witness lawyer case investigation inquiry findings review study research
        university students teachers schools education exam results figures data survey poll rise fall
        increase decrease rose fell higher lower steady sharp slight level warned urged called added noted
        denied confirmed reported estimated described believed planned agreed refused rejected approved
        launched opened closed began ended continued remained became showed found took gave came went saw left
        kept held brought along until within without among toward despite however although meanwhile instead
        already again often never always sometimes recently currently nearly almost roughly just even yet too
        very quite rather much few several each every another same different large small big little long short
        old young major minor key main regional international foreign domestic federal central north south
        east west northern southern eastern western coastal rural urban downtown nearby morning afternoon
        evening night today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday
        january february march april june july august september october november december spring summer autumn
        winter decade century hours minutes days weeks months
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Proper names for people, places and organisations.
    static let names: [String] = """
        Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Wright Walker Thompson Robinson White
        Hughes Edwards Green Hall Wood Harris Martin Jackson Clarke Lewis Moore King Baker Turner Hill
        London Paris Berlin Tokyo Washington Brussels Moscow Beijing Sydney Toronto Dublin Madrid Rome
        Harbor Calder Larkin Orrin Skerrin Marrow Northline Valley Metro Gazette Courier Reuters Fed Treasury
        Parliament Congress Senate Commission Ministry Labour Conservative Democrats Republicans Google Apple
        Microsoft Amazon Boeing Airbus Toyota Siemens Nestle Unilever Shell BP Vodafone Barclays HSBC
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// French, German, Spanish and Portuguese words with diacritics. Some start with an uppercase accented letter
    /// (case folding outside ASCII), a few are written decomposed (e + U+0301) or with a ligature, which NFKC
    /// composes or expands.
    static let accented: [String] = [
        "économie", "été", "élection", "ministère", "président", "gouvernement", "société", "marché", "année",
        "déclaré", "réunion", "sécurité", "santé", "énergie", "région", "député", "café", "théâtre", "où",
        "très", "déjà", "après", "français", "garçon", "façade", "naïve", "noël", "hôpital", "forêt", "fête",
        "Économie", "État", "Élysée", "Île", "Ça", "À",
        "Straße", "Größe", "München", "Zürich", "Bürger", "Übersicht", "Öffentlichkeit", "Ärzte", "für", "über",
        "schön", "Mädchen", "Gebäude", "Behörde", "Regierungserklärung", "Bundesländer", "Maßnahmen", "würde",
        "año", "niño", "señor", "España", "mañana", "económico", "política", "información", "sesión", "último",
        "público", "según", "también", "después", "Ángel", "Álvarez", "Óscar", "Ñandú",
        "ação", "informação", "governo", "eleição", "São", "João", "pão", "coração", "não",
        "cafe\u{301}", "e\u{301}te\u{301}", "resume\u{301}", "ﬁnance", "ﬂux", "Ⅻ", "①",
        "ΑΘΗΝΑ", "Ελλάδα", "κυβέρνηση", "Москва", "правительство", "ЕВРОПА",
    ]

    /// Names with diacritics.
    static let accentedNames: [String] = [
        "Müller", "Schröder", "Gómez", "Martínez", "Pérez", "Hernández", "Sánchez", "Lefèvre", "Béatrice",
        "François", "Hélène", "José", "Zoë", "Chloé", "Jürgen", "Søren", "Łódź", "Kraków", "Dvořák", "Ødegaard",
    ]

    /// Chinese news words, one to four characters.
    static let chinese: [String] = [
        "中国", "政府", "经济", "发展", "市场", "公司", "记者", "报道", "表示", "今天", "昨天", "明年", "增长",
        "百分之", "亿元", "人民币", "美元", "银行", "股市", "投资", "企业", "工人", "学校", "学生", "医院",
        "医生", "病人", "城市", "北京", "上海", "广州", "深圳", "香港", "台北", "东京", "首尔", "纽约",
        "伦敦", "总统", "总理", "部长", "会议", "谈判", "协议", "合作", "问题", "国际", "国家", "地区", "社会",
        "安全", "警方", "法院", "调查", "事故", "地震", "洪水", "台风", "天气", "交通", "铁路", "机场",
        "航班", "港口", "货物", "出口", "进口", "价格", "通货膨胀", "利率", "就业", "失业", "收入", "消费",
        "的", "了", "在", "是", "和", "有", "也", "对", "将", "与", "为", "等", "中", "上", "下", "年",
        "月", "日", "人", "个", "这", "那", "不", "已经", "正在", "可能", "需要", "认为", "宣布", "发布",
        "进行", "提高", "降低", "减少", "增加", "支持", "反对", "影响", "计划", "项目", "建设", "能源",
    ]

    /// Japanese words in kanji, hiragana and katakana.
    static let japanese: [String] = [
        "東京", "政府", "首相", "経済", "会社", "発表", "によると", "しました", "している", "です", "ます",
        "について", "ニュース", "マーケット", "インフレ", "エネルギー", "ガソリン", "コンピューター", "サービス",
        "トヨタ", "ソニー", "パナソニック", "日本銀行", "株価", "円安", "円高", "地震", "台風", "大阪",
        "京都", "名古屋", "札幌", "福岡", "選挙", "国会", "議員", "記者", "会見", "こと", "もの", "ため",
        "ｶﾀｶﾅ", "ﾆｭｰｽ",
    ]
}

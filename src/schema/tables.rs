//! The tables themselves: every key of every page type, of the mappings
//! inside front matter, and of `handbook.yaml`. Adding a key is one row here
//! plus the code that uses its value.

use super::{Choice, Fact, ItemFact, Key, PageSchema, RefTo, Search, Table, Ty};
use crate::model::{Category, CourseForm, GuideKind, PageType, Status};

const fn choice(names: &'static [&'static str], label_prefix: Option<&'static str>) -> Ty {
    Ty::Choice(Choice {
        names,
        label_prefix,
    })
}

const ROLE: RefTo = RefTo::Page(PageType::Role);
const PHASE: RefTo = RefTo::Page(PageType::Phase);
const GUIDE: RefTo = RefTo::Page(PageType::Guide);
const TEMPLATE: RefTo = RefTo::Page(PageType::Template);

/// The keys every page has, first in every page's table.
macro_rules! page_keys {
    ($($key:expr),* $(,)?) => {
        &[
            Key::new("title", Ty::Text, "Sidens titel, som den står i overskriften, navigationen og søgningen.", "Klargøring")
                .required()
                .fact(Fact::Line("title")),
            Key::new("id", Ty::Slug, "Sidens id i links og adresser (små bogstaver, tal og bindestreger). Som standard filnavnet; skal være entydigt inden for sin type.", "klargoering"),
            Key::new("order", Ty::Int, "Sorteringsnøgle inden for mappen: lavere tal kommer først, derefter sorteres efter titel.", "1"),
            Key::new("summary", Ty::Text, "Et kort afsnit om siden: vises i oversigter, læsevejledninger og søgeresultater og som sidens beskrivelse.", "En sætning om, hvad siden handler om.")
                .fact(Fact::Line("summary")),
            Key::new("audiences", Ty::Refs(RefTo::Audience), "Målgrupper (id'er fra handbook.yaml), hvis læsevejledning tager siden med.", "[projektleder]"),
            Key::new("status", choice(Status::NAMES, None), "published (standard); draft: kun med --drafts og i forhåndsvisningen; planned: vises med \"forventes i version X\".", "published"),
            Key::new("planned_for", Ty::Text, "Den version, en planlagt side forventes i.", "\"2.0\""),
            Key::new("aliases", Ty::Texts, "Gamle adresser, der skal viderestille til siden.", "[/gammel/adresse/]"),
            Key::new("extra", Ty::Any, "Frie data til egne skabeloner; alle andre ukendte nøgler er fejl.", "{ kontakt: Ydelseskontoret }"),
            $($key),*
        ]
    };
}

// ---------------------------------------------------------------- weeks

/// `weeks: { from, to }`.
pub(crate) static WEEKS: Table = Table {
    what: "'weeks'",
    keys: &[
        Key::new(
            "from",
            Ty::Week,
            "Første uge i forhold til idriftsættelsen (uge 0); udelades, når perioden er åben bagud.",
            "-13",
        ),
        Key::new(
            "to",
            Ty::Week,
            "Sidste uge i forhold til idriftsættelsen; udelades, når perioden er åben fremad.",
            "-1",
        ),
    ],
    exclusive: &[],
    item_fact: None,
};

const WEEK_HELP: &str = "Ugen i forhold til idriftsættelsen (uge 0); negative tal er før. Skriv enten week eller weeks.";
const WEEKS_HELP: &str = "Ugerne i forhold til idriftsættelsen: { from, to }; den ene ende kan udelades. Skriv enten week eller weeks.";

// ---------------------------------------------------------------- faser

const MILESTONE: Table = Table {
    what: "a milestone",
    keys: &[
        Key::new("title", Ty::Text, "Milepælens navn.", "Kickoff 2").required(),
        Key::new(
            "week",
            Ty::Week,
            "Ugen i forhold til idriftsættelsen (uge 0).",
            "-13",
        )
        .required()
        .fact(Fact::Part),
    ],
    exclusive: &[],
    item_fact: Some(ItemFact::Paren {
        label: "milestone",
        head: "title",
    }),
};

const ROLE_ENTRY: Table = Table {
    what: "a role table entry",
    keys: &[
        Key::new("role", Ty::Ref(ROLE), "Rollens id.", "projektleder-ky").required(),
        Key::new(
            "responsibility",
            Ty::Text,
            "Rollens ansvar i fasen.",
            "Planlægger og følger op på klargøringen.",
        )
        .fact(Fact::Part)
        .search(Search::Body),
    ],
    exclusive: &[],
    item_fact: Some(ItemFact::Head {
        label: "role",
        head: "role",
    }),
};

const ACTIVITY: Table = Table {
    what: "an activity",
    keys: &[
        Key::new(
            "title",
            Ty::Text,
            "Aktivitetens navn.",
            "Deltag i uddannelsen af lokale administratorer",
        )
        .required(),
        Key::new(
            "id",
            Ty::Text,
            "Aktivitetens id (ankeret på fasens side); som standard titlens slug.",
            "uddannelse-lokale-administratorer",
        ),
        Key::new(
            "description",
            Ty::Text,
            "En sætning, der vises under aktivitetens titel.",
            "Administratorerne lærer opsætningen at kende.",
        ),
        Key::new(
            "workstream",
            Ty::Ref(RefTo::Workstream),
            "Indsatsområdets id fra handbook.yaml.",
            "uddannelse",
        ),
        Key::new("week", Ty::Week, WEEK_HELP, "-9").fact(Fact::Part),
        Key::new("weeks", Ty::Weeks, WEEKS_HELP, "{ from: -9, to: -8 }").fact(Fact::Part),
        Key::new(
            "category",
            choice(Category::NAMES, Category::LABEL_PREFIX),
            "valgfri, obligatorisk eller kritisk (obligatorisk og på kritisk vej).",
            "obligatorisk",
        )
        .fact(Fact::Part),
        Key::new(
            "task_ref",
            Ty::Text,
            "Et eksternt opgave-id, fx i et opgaveværktøj.",
            "\"0200.0300.0100\"",
        ),
        Key::new(
            "responsible",
            Ty::Ref(ROLE),
            "Id'et på den rolle, der er ansvarlig.",
            "lokal-administrator-ky",
        )
        .fact(Fact::Labelled("responsible")),
        Key::new(
            "involved",
            Ty::Refs(ROLE),
            "Id'er på de roller, der er involveret.",
            "[lokal-ky-traener]",
        )
        .fact(Fact::Labelled("involved")),
        Key::new(
            "guide",
            Ty::Ref(GUIDE),
            "Id'et på den vejledning, der hører til aktiviteten.",
            "projektstart",
        ),
        Key::new(
            "templates",
            Ty::Refs(TEMPLATE),
            "Id'er på skabeloner, aktiviteten bruger.",
            "[milepaelsplan]",
        ),
    ],
    exclusive: &[("week", "weeks")],
    item_fact: Some(ItemFact::Head {
        label: "activity",
        head: "title",
    }),
};

const PHASE_TABLE: Table = Table {
    what: "the front matter",
    keys: page_keys!(
        Key::new(
            "phase",
            Ty::Int,
            "Fasens nummer i implementeringsmodellen (\"Fase 2\").",
            "2"
        ),
        Key::new(
            "parent",
            Ty::Ref(PHASE),
            "Gør siden til en underfase af fasen med dette id.",
            "forberedelse"
        ),
        Key::new(
            "weeks",
            Ty::Weeks,
            "Fasens uger i forhold til idriftsættelsen (uge 0); negative tal er før.",
            "{ from: -13, to: -1 }"
        )
        .fact(Fact::Line("weeks_label")),
        Key::new("milestones", Ty::Items(&MILESTONE), "Fasens milepæle.", ""),
        Key::new(
            "workstreams",
            Ty::Refs(RefTo::Workstream),
            "Id'er på fasens indsatsområder fra handbook.yaml.",
            "[konfigurering, uddannelse]"
        ),
        Key::new(
            "roles",
            Ty::Items(&ROLE_ENTRY),
            "Fasens rolletabel: hvem har hvilket ansvar.",
            ""
        ),
        Key::new(
            "activities",
            Ty::Items(&ACTIVITY),
            "Fasens aktiviteter.",
            ""
        ),
    ),
    exclusive: &[],
    item_fact: None,
};

// ---------------------------------------------------------------- roller

const ROLE_TABLE: Table = Table {
    what: "the front matter",
    keys: page_keys!(
        Key::new(
            "organisation",
            Ty::Ref(RefTo::Organisation),
            "Organisationens id fra handbook.yaml (rollens gruppe).",
            "kommune"
        ),
        Key::new(
            "typical_holder",
            Ty::Text,
            "Hvem der typisk har rollen.",
            "Ydelseschef, centerchef eller lignende"
        )
        .fact(Fact::Line("typical_holder"))
        .search(Search::Body),
        Key::new(
            "aka",
            Ty::Texts,
            "Andre navne for rollen; rollen findes også under dem.",
            "[Styregruppeformand]"
        )
        .search(Search::Aka),
        Key::new(
            "responsibilities",
            Ty::Texts,
            "Rollens ansvar, et punkt pr. linje.",
            "[Ejer business casen.]"
        )
        .fact(Fact::Line("responsibility"))
        .search(Search::Body),
    ),
    exclusive: &[],
    item_fact: None,
};

// ---------------------------------------------------------------- vejledninger

const PARTICIPANT: Table = Table {
    what: "a participant",
    keys: &[
        Key::new(
            "role",
            Ty::Ref(ROLE),
            "Deltagerens rolle-id.",
            "projektleder-ky",
        )
        .required(),
        Key::new(
            "part",
            Ty::Text,
            "Deltagerens rolle i forløbet.",
            "Facilitator",
        )
        .fact(Fact::Part),
    ],
    exclusive: &[],
    item_fact: Some(ItemFact::Head {
        label: "role",
        head: "role",
    }),
};

const AGENDA_ITEM: Table = Table {
    what: "an agenda item",
    keys: &[
        Key::new(
            "minutes",
            Ty::Minutes,
            "Punktets varighed i minutter (0 til 1440).",
            "15",
        )
        .required()
        .fact(Fact::Unit("minutes")),
        Key::new("item", Ty::Text, "Dagsordenspunktet.", "Velkomst og formål")
            .required()
            .search(Search::Body),
        Key::new(
            "description",
            Ty::Text,
            "Hvad der sker under punktet.",
            "Projektejer byder velkommen.",
        ),
        Key::new(
            "materials",
            Ty::Texts,
            "Materialer til punktet.",
            "[Målhierarki]",
        ),
        Key::new(
            "outcome",
            Ty::Text,
            "Hvad punktet skal føre til.",
            "Fælles forståelse",
        ),
    ],
    exclusive: &[],
    item_fact: Some(ItemFact::Paren {
        label: "agenda_item",
        head: "item",
    }),
};

const GUIDE_TABLE: Table = Table {
    what: "the front matter",
    keys: page_keys!(
        Key::new(
            "kind",
            choice(GuideKind::NAMES, GuideKind::LABEL_PREFIX),
            "workshop, møde, aktivitet eller vejledning (standard).",
            "workshop"
        ),
        Key::new(
            "workstream",
            Ty::Ref(RefTo::Workstream),
            "Indsatsområdets id fra handbook.yaml.",
            "forandringsledelse"
        ),
        Key::new(
            "phases",
            Ty::Refs(PHASE),
            "Id'er på de faser, vejledningen hører til.",
            "[planlaegning]"
        ),
        Key::new(
            "purpose",
            Ty::Text,
            "Hvad forløbet skal opnå.",
            "Danner fundamentet for en god projektstart."
        )
        .fact(Fact::Line("purpose"))
        .search(Search::Body),
        Key::new(
            "roles",
            Ty::Items(&PARTICIPANT),
            "Deltagerne: rolle og rolle i forløbet.",
            ""
        ),
        Key::new("location", Ty::Text, "Hvor forløbet holdes.", "Mødelokale"),
        Key::new(
            "templates",
            Ty::Refs(TEMPLATE),
            "Id'er på skabeloner, forløbet bruger.",
            "[organisationsplan, interessentanalyse]"
        ),
        Key::new(
            "agenda",
            Ty::Items(&AGENDA_ITEM),
            "Dagsordenen; vises med løbende starttider og samlet varighed.",
            ""
        ),
        Key::new(
            "duration_minutes",
            Ty::Int,
            "Samlet varighed i minutter; skal passe med dagsordenens sum.",
            "90"
        ),
        Key::new(
            "before",
            Ty::Texts,
            "Det, der skal være gjort før forløbet.",
            "[Deltagerne har læst målhierarkiet.]"
        )
        .fact(Fact::Line("before"))
        .search(Search::Body),
        Key::new(
            "after",
            Ty::Texts,
            "Det, der skal ske efter forløbet.",
            "[Projektlederen sender referat.]"
        )
        .fact(Fact::Line("after"))
        .search(Search::Body),
    ),
    exclusive: &[],
    item_fact: None,
};

// ---------------------------------------------------------------- skabeloner

const TEMPLATE_TABLE: Table = Table {
    what: "the front matter",
    keys: page_keys!(
        Key::new(
            "file",
            Ty::File,
            "Skabelonens fil, i samme mappe som siden; kopieres til det færdige site.",
            "risikoanalyse.xlsx"
        )
        .required()
        .fact(Fact::Line("download"))
        .search(Search::Aka),
        Key::new(
            "workstream",
            Ty::Ref(RefTo::Workstream),
            "Indsatsområdets id fra handbook.yaml.",
            "forandringsledelse"
        ),
    ),
    exclusive: &[],
    item_fact: None,
};

// ---------------------------------------------------------------- uddannelsesplaner

const COURSE: Table = Table {
    what: "a course",
    keys: &[
        Key::new(
            "title",
            Ty::Text,
            "Kursets navn.",
            "Introduktion til KY og trænerdiscipliner",
        )
        .required(),
        Key::new(
            "form",
            choice(CourseForm::NAMES, CourseForm::LABEL_PREFIX),
            "tilstedeværelse, e-learning, webinar, selvstudie, introduktionsmøde, netværksmøde eller andet.",
            "tilstedeværelse",
        ),
        Key::new("duration", Ty::Text, "Kursets varighed.", "1 dag"),
        Key::new("week", Ty::Week, WEEK_HELP, "-6").fact(Fact::Part),
        Key::new("weeks", Ty::Weeks, WEEKS_HELP, "{ from: -6, to: -5 }").fact(Fact::Part),
        Key::new(
            "held_by",
            Ty::Ref(ROLE),
            "Id'et på den rolle, der underviser.",
            "ky-underviser",
        ),
        Key::new(
            "optional",
            Ty::Bool,
            "true, når kurset er valgfrit.",
            "false",
        ),
    ],
    exclusive: &[("week", "weeks")],
    item_fact: Some(ItemFact::Trail {
        label: "course",
        head: "title",
    }),
};

const TRAINING_TABLE: Table = Table {
    what: "the front matter",
    keys: page_keys!(
        Key::new(
            "target",
            Ty::Ref(ROLE),
            "Målgruppens rolle-id.",
            "lokal-ky-traener"
        )
        .required(),
        Key::new("courses", Ty::Items(&COURSE), "Kurserne i planen.", ""),
        Key::new(
            "self_study",
            Ty::Texts,
            "Selvstudier.",
            "[Øvelser i uddannelsesmiljøet]"
        )
        .search(Search::Body),
        Key::new(
            "continuing",
            Ty::Texts,
            "Efteruddannelse.",
            "[Trænernetværksmøder]"
        )
        .search(Search::Body),
        Key::new(
            "other_activities",
            Ty::Texts,
            "Øvrige aktiviteter.",
            "[Floor walk ved konvertering af sager]"
        )
        .search(Search::Body),
    ),
    exclusive: &[],
    item_fact: None,
};

// ---------------------------------------------------------------- laesevejledninger, side

const READING_GUIDE_TABLE: Table = Table {
    what: "the front matter",
    keys: page_keys!(Key::new(
        "read",
        Ty::Links,
        "Læsevejledningens sider i rækkefølge, som typede links; uden listen tages alle sider med målgruppen i 'audiences'.",
        "[side:kort-om-ky, fase:klargoering]"
    ),),
    exclusive: &[],
    item_fact: None,
};

const PAGE_TABLE: Table = Table {
    what: "the front matter",
    keys: page_keys!(),
    exclusive: &[],
    item_fact: None,
};

/// Every kind of page.
pub(super) static PAGES: [PageSchema; 7] = [
    PageSchema {
        name: "fase",
        page_type: Some(PageType::Phase),
        title: "Fase",
        table: &PHASE_TABLE,
    },
    PageSchema {
        name: "rolle",
        page_type: Some(PageType::Role),
        title: "Rolle",
        table: &ROLE_TABLE,
    },
    PageSchema {
        name: "vejledning",
        page_type: Some(PageType::Guide),
        title: "Vejledning",
        table: &GUIDE_TABLE,
    },
    PageSchema {
        name: "skabelon",
        page_type: Some(PageType::Template),
        title: "Skabelon",
        table: &TEMPLATE_TABLE,
    },
    PageSchema {
        name: "uddannelse",
        page_type: Some(PageType::Training),
        title: "Uddannelsesplan",
        table: &TRAINING_TABLE,
    },
    PageSchema {
        name: "laesevejledning",
        page_type: Some(PageType::ReadingGuide),
        title: "Læsevejledning",
        table: &READING_GUIDE_TABLE,
    },
    PageSchema {
        name: "side",
        page_type: None,
        title: "Side",
        table: &PAGE_TABLE,
    },
];

// ---------------------------------------------------------------- handbook.yaml

const GO_LIVE: Table = Table {
    what: "'go_live'",
    keys: &[
        Key::new(
            "title",
            Ty::Text,
            "Navnet på milepælen, alle uger tælles fra (uge 0).",
            "Idriftsættelsesdato",
        ),
        Key::new(
            "date",
            Ty::Date,
            "Kommunens egen idriftsættelsesdato, ÅÅÅÅ-MM-DD: alle uger vises også som datoer, og planen kan hentes som kalender.",
            "2017-06-12",
        ),
    ],
    exclusive: &[],
    item_fact: None,
};

const ORGANISATION: Table = Table {
    what: "an organisation",
    keys: &[
        Key::new(
            "id",
            Ty::Slug,
            "Organisationens id, som roller bruger i 'organisation'.",
            "kommune",
        )
        .required(),
        Key::new(
            "title",
            Ty::Text,
            "Overskriften over organisationens roller.",
            "Kommunale roller",
        )
        .required(),
    ],
    exclusive: &[],
    item_fact: None,
};

const WORKSTREAM: Table = Table {
    what: "a workstream",
    keys: &[
        Key::new(
            "id",
            Ty::Slug,
            "Indsatsområdets id, som sider bruger i 'workstream' og 'workstreams'.",
            "forandringsledelse",
        )
        .required(),
        Key::new(
            "title",
            Ty::Text,
            "Indsatsområdets navn.",
            "Forandringsledelse",
        )
        .required(),
        Key::new(
            "purpose",
            Ty::Text,
            "Indsatsområdets formål.",
            "Sikre, at målgrupperne kender forandringerne og er trygge ved dem.",
        ),
    ],
    exclusive: &[],
    item_fact: None,
};

const AUDIENCE: Table = Table {
    what: "an audience",
    keys: &[
        Key::new(
            "id",
            Ty::Slug,
            "Målgruppens id, som sider bruger i 'audiences'.",
            "projektleder",
        )
        .required(),
        Key::new("title", Ty::Text, "Målgruppens navn.", "KY-projektleder").required(),
        Key::new(
            "description",
            Ty::Text,
            "Hvem målgruppen er.",
            "Den primære målgruppe; ejer implementeringen i kommunen.",
        ),
        Key::new(
            "role",
            Ty::Ref(ROLE),
            "Id'et på den rolle, målgruppen svarer til.",
            "projektleder-ky",
        ),
    ],
    exclusive: &[],
    item_fact: None,
};

const RELEASE: Table = Table {
    what: "a release",
    keys: &[
        Key::new(
            "version",
            Ty::Text,
            "Versionsnummeret, i anførselstegn.",
            "\"1.0\"",
        )
        .required(),
        Key::new(
            "date",
            Ty::Date,
            "Udgivelsesdatoen, ÅÅÅÅ-MM-DD.",
            "2016-09-21",
        )
        .required(),
        Key::new(
            "notes",
            Ty::Text,
            "Hvad der er nyt i versionen.",
            "Første udgave.",
        ),
    ],
    exclusive: &[],
    item_fact: None,
};

/// `handbook.yaml`.
pub(crate) static CONFIG: Table = Table {
    what: "handbook.yaml",
    keys: &[
        Key::new(
            "title",
            Ty::Text,
            "Håndbogens titel.",
            "Implementeringshåndbog for KY",
        )
        .required(),
        Key::new(
            "short_title",
            Ty::Text,
            "En kort titel til sidehovedet.",
            "KY-håndbogen",
        ),
        Key::new("publisher", Ty::Text, "Udgiveren.", "KOMBIT"),
        Key::new(
            "language",
            Ty::Text,
            "Sproget; tekster på siderne følger det (standard: da).",
            "da",
        ),
        Key::new(
            "base_url",
            Ty::Url,
            "Sitets offentlige adresse, til sitemap og feed.",
            "https://example.org/ky/",
        ),
        Key::new(
            "version",
            Ty::Text,
            "Den version, arbejdskopien forbereder, i anførselstegn.",
            "\"2.0\"",
        ),
        Key::new(
            "numbered",
            Ty::Bool,
            "true: kapitler og overskrifter nummereres (2, 2.4, 2.4.1).",
            "true",
        ),
        Key::new(
            "go_live",
            Ty::Map(&GO_LIVE),
            "Idriftsættelsen, som alle uger tælles fra.",
            "{ title: Idriftsættelsesdato }",
        ),
        Key::new(
            "theme",
            Ty::Text,
            "Temaet (mappe under themes/); standard: default.",
            "default",
        ),
        Key::new(
            "accessibility_statement",
            Ty::Url,
            "Adressen på tilgængelighedserklæringen; linkes i sidefoden.",
            "https://was.digst.dk/ky",
        ),
        Key::new(
            "organisations",
            Ty::Items(&ORGANISATION),
            "Rollernes grupper, i visningsrækkefølge.",
            "",
        ),
        Key::new(
            "workstreams",
            Ty::Items(&WORKSTREAM),
            "Implementeringsmodellens indsatsområder (temaer).",
            "",
        ),
        Key::new(
            "audiences",
            Ty::Items(&AUDIENCE),
            "Læsere, der hver får en læsevejledning.",
            "",
        ),
        Key::new(
            "releases",
            Ty::Items(&RELEASE),
            "Udgivne versioner; skrives af 'handbook release'.",
            "",
        ),
        Key::new(
            "extra",
            Ty::Any,
            "Frie data til egne skabeloner; alle andre ukendte nøgler er fejl.",
            "{ kontakt: KOMBIT }",
        ),
    ],
    exclusive: &[],
    item_fact: None,
};

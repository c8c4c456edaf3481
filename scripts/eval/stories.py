"""The stories of feedd's extraction evaluation corpus: fictional news written for feedd.

Each story is a dict: slug, title, authors, date (ISO, with time and offset), section, and body, a list of
parts: ("p", text), ("h2", text), ("ul", [items]), ("quote", text), ("figure", image, caption), ("table", rows).
"""

STORIES = [
    dict(
        slug="river-port-reopens-after-floods", title="River port reopens after three weeks of flood repairs",
        authors=["Marta Keller"], date="2024-02-06T08:15:00+00:00", section="Business",
        body=[
            ("p", "The inland port at Steinbrück reopened to cargo traffic on Monday, three weeks after floodwater swept through its warehouses and left two of its four cranes out of service."),
            ("p", "Port managers said the first barge, carrying 1,400 tonnes of fertiliser, was unloaded shortly after dawn. A second vessel loaded with timber was expected by the evening, and normal schedules should return by the end of the month."),
            ("figure", "port-cranes.jpg", "Workers inspect a repaired crane at the Steinbrück port on Monday."),
            ("p", "Repairs cost an estimated 3.2 million euros, most of it covered by the regional flood fund. The operator has promised to raise the electrical cabinets above the level reached by the water in January."),
            ("quote", "We lost almost a month of business, but nobody was hurt and the quay walls held, which is what matters for the long term."),
            ("p", "Shipping companies that diverted cargo to the rail terminal at Oberfeld during the closure said they would return gradually, depending on river levels, which remain above average for the season."),
        ]),
    dict(
        slug="city-council-approves-bike-lanes", title="City council approves 40 kilometres of protected bike lanes",
        authors=["Daniel Okafor"], date="2024-03-19T17:40:00+00:00", section="Local",
        body=[
            ("p", "After a debate that lasted more than five hours, the city council voted 31 to 18 on Tuesday night to build 40 kilometres of protected bike lanes over the next four years."),
            ("p", "The plan separates cyclists from traffic with concrete curbs on the busiest roads, including the ring road and the avenues leading to the central station. Parking spaces on those streets will be reduced by about a fifth."),
            ("h2", "Shop owners divided"),
            ("p", "Several business associations had campaigned against the scheme, warning that customers who drive would go to out-of-town shopping centres instead. Others argued that foot and bicycle traffic brings more regular visitors."),
            ("ul", ["Phase one: ring road and station avenues, 2024 to 2025", "Phase two: northern districts, 2026", "Phase three: river embankment link, 2027"]),
            ("p", "The first construction contracts are expected to be signed in June, and the transport department says work will be done at night where possible to limit disruption."),
        ]),
    dict(
        slug="researchers-map-ancient-forest", title="Researchers map an ancient forest buried under a peat bog",
        authors=["Priya Raman", "Lukas Berg"], date="2023-11-28T10:00:00+00:00", section="Science",
        body=[
            ("p", "Scientists have mapped the remains of a forest that grew more than 7,000 years ago and now lies under two metres of peat in the north of the country, using ground-penetrating radar and hundreds of core samples."),
            ("p", "The stumps, mostly of pine and birch, are so well preserved that their growth rings can be counted. That allows researchers to reconstruct wet and dry years with unusual precision, the team wrote in a paper published this week."),
            ("p", "The forest appears to have died within a few decades, when rising groundwater turned the area into a bog. The authors say the record could help predict how today's wetlands will respond to changes in rainfall."),
            ("quote", "Every ring is a year of weather written down by the tree itself, and we have thousands of them lying side by side."),
            ("p", "The team plans to return in the spring to extract larger samples, and hopes to open part of the site to visitors once the work is finished."),
        ]),
    dict(
        slug="hospital-waiting-times-fall", title="Hospital waiting times fall for the first time in five years",
        authors=["Sarah Lindqvist"], date="2024-01-17T06:30:00+00:00", section="Health",
        body=[
            ("p", "The average wait for planned surgery in regional hospitals fell last year for the first time since 2018, according to figures published on Wednesday by the health ministry."),
            ("p", "Patients waited a median of 14 weeks for procedures such as hip replacements and cataract operations, down from 17 weeks in 2022. Waits for diagnostic scans also shortened, although more slowly."),
            ("table", [["Procedure", "2022", "2023"], ["Hip replacement", "21 weeks", "17 weeks"], ["Cataract surgery", "15 weeks", "12 weeks"], ["MRI scan", "6 weeks", "5 weeks"]]),
            ("p", "Officials credited extra weekend operating sessions and a new booking system that fills cancelled slots within hours. Unions said staff shortages remained severe and warned that the gains could be fragile."),
            ("p", "The ministry has set a target of ten weeks for all planned surgery by the end of 2026."),
        ]),
    dict(
        slug="orchestra-returns-to-restored-hall", title="Orchestra returns to its restored concert hall",
        authors=["Elena Rossi"], date="2023-10-02T19:05:00+02:00", section="Culture",
        body=[
            ("p", "The city orchestra played its first concert in the restored Harmonie hall on Sunday evening, ending a four-year exile during which it performed in a converted tram depot."),
            ("p", "The renovation replaced the seats, the stage machinery and the roof, and added acoustic panels that can be moved to suit chamber music or full symphonic works. Tickets for the opening sold out in eleven minutes."),
            ("p", "Conductor Ana Varga chose a programme of works that had been performed at the hall's first opening in 1911, including a symphony that has not been played in the city for decades."),
            ("figure", "harmonie-hall.jpg", "The renovated main hall seats 1,650 people."),
            ("p", "Critics praised the clearer sound in the upper balconies, long the weak point of the old building. The orchestra will give twelve more concerts in the hall before the end of the year."),
        ]),
    dict(
        slug="farmers-test-drought-resistant-wheat", title="Farmers test drought-resistant wheat on dry plains",
        authors=["Tomás Herrera"], date="2024-04-09T11:20:00-03:00", section="Agriculture",
        body=[
            ("p", "Farmers on the dry plains in the west of the province are planting a new variety of wheat this season that breeders say can survive several weeks without rain."),
            ("p", "The variety was developed over twelve years by a public research institute, which crossed local wheat with lines from semi-arid regions. In trials it produced about a fifth more grain than standard seed in dry years, and roughly the same in wet ones."),
            ("p", "Seed is still scarce, so most farms are sowing only a few hectares to see how it behaves on their land. The institute is collecting yield data from 300 fields and will publish the results after the harvest."),
            ("h2", "Costs and risks"),
            ("p", "The new seed costs slightly more than conventional varieties, and some growers are wary of committing before they see how it stores and how millers pay for it."),
            ("p", "Agronomists say the variety is not a cure for drought, but it could reduce the losses that have pushed many smaller farms into debt over the past decade."),
        ]),
    dict(
        slug="rail-strike-called-off", title="Rail strike called off after overnight talks",
        authors=["Hannah Weiss"], date="2024-05-22T05:50:00+00:00", section="National",
        body=[
            ("p", "A national rail strike planned for Thursday has been called off after the train drivers' union and the state railway reached a provisional agreement in talks that ran through the night."),
            ("p", "The deal raises pay by 9 percent over two years and reduces the working week by one hour from 2026. Union members will vote on it next month."),
            ("p", "Passengers had been warned that only one train in five would run during the strike. The railway said all services would now operate as planned, although some early trains could be delayed while staff rosters are restored."),
        ]),
    dict(
        slug="library-opens-repair-cafe", title="Library opens a repair café for broken appliances",
        authors=["Jonas Meyer"], date="2023-09-14T14:00:00+00:00", section="Community",
        body=[
            ("p", "The central library has turned a former reading room into a repair café, where volunteers help residents fix toasters, lamps, bicycles and torn clothes instead of throwing them away."),
            ("p", "On the first Saturday, more than 60 people queued with broken items. About two thirds left with something that worked again, according to the organisers, who keep a log of every repair."),
            ("ul", ["Small electrical appliances", "Bicycles and scooters", "Clothing and textiles", "Computers and phones, by appointment"]),
            ("p", "The volunteers include retired electricians, a tailor and several engineering students. Tools were donated by a local hardware shop, and the library provides the space free of charge."),
            ("p", "The café will be open every second Saturday of the month. Visitors are asked to bring items they can carry and to stay while the repair is done, so they can learn how to do it themselves next time."),
        ]),
    dict(
        slug="central-bank-holds-rates", title="Central bank holds interest rates steady as inflation cools",
        authors=["Michael Chen"], date="2024-06-13T12:45:00+00:00", section="Economy",
        body=[
            ("p", "The central bank left its main interest rate unchanged at 4.25 percent on Thursday, saying inflation was falling as expected but that it wanted more evidence before cutting borrowing costs."),
            ("p", "Consumer prices rose 2.9 percent in May compared with a year earlier, the slowest pace in almost three years, helped by cheaper energy and food. Services inflation, however, remained stubbornly high."),
            ("quote", "We are on the right path, but the last part of the journey is often the hardest, and we do not want to declare victory too early."),
            ("p", "Most economists expect the first cut in September. Markets reacted calmly to the decision, and the currency was little changed against the dollar and the euro."),
            ("p", "The bank also lowered its growth forecast for this year to 0.8 percent, citing weak exports and a slowdown in construction."),
        ]),
    dict(
        slug="glacier-retreat-measured", title="Glacier retreated a record 90 metres last summer",
        authors=["Ingrid Solberg"], date="2023-12-05T09:10:00+01:00", section="Environment",
        body=[
            ("p", "The Nordbreen glacier lost a record 90 metres of length during last summer, according to measurements released on Tuesday by the national water and energy directorate."),
            ("p", "The retreat was nearly twice the average of the past decade. Glaciologists blamed an unusually warm July and a winter with little snow, which left the ice exposed to the sun for longer than usual."),
            ("p", "The directorate monitors 38 glaciers across the country. All but two of them were shorter at the end of the season than at the start, and the volume of ice lost was the second highest on record."),
            ("h2", "Tourism affected"),
            ("p", "Guides who lead walks on the ice said they had to move their routes several times during the season because new crevasses opened and the lower tongue became too unstable to cross."),
        ]),
    dict(
        slug="startup-builds-battery-recycling-plant", title="Startup to build battery recycling plant near the harbour",
        authors=["Aisha Bello"], date="2024-07-02T07:00:00+00:00", section="Technology",
        body=[
            ("p", "A young company that recovers lithium, nickel and cobalt from used electric car batteries will build its first large recycling plant on former shipyard land near the harbour, it announced on Tuesday."),
            ("p", "The plant is expected to process 20,000 tonnes of batteries a year when it opens in 2026 and to employ about 180 people. The company has raised 140 million euros from investors and a state green bank."),
            ("p", "Its process dissolves shredded battery material in a water-based solution instead of melting it, which the founders say uses less energy and recovers more of the metals."),
            ("p", "Environmental groups welcomed the project but asked for independent monitoring of water discharges into the harbour basin. The company said it would publish emissions data every quarter."),
        ]),
    dict(
        slug="school-meals-program-expanded", title="Free school meals to be extended to all primary pupils",
        authors=["Fatima Noor"], date="2024-08-27T13:30:00+00:00", section="Education",
        body=[
            ("p", "All primary school pupils will receive a free hot lunch from next January, the education minister announced on Tuesday, extending a programme that currently covers only children from low-income families."),
            ("p", "The expansion will cost about 220 million a year and will be paid for partly by a tax on sugary drinks introduced last spring. Schools without kitchens will receive meals from central facilities run by municipalities."),
            ("p", "Teachers' unions and parents' associations welcomed the decision, saying that children who eat well concentrate better in the afternoon. Some head teachers warned that dining rooms were too small to serve everyone at once."),
            ("ul", ["January: pupils aged 6 to 8", "September: pupils aged 9 to 11", "Menus to follow national nutrition guidelines"]),
            ("p", "The ministry will publish guidance for schools in October and has promised extra funding for staff to supervise lunch breaks."),
        ]),
    dict(
        slug="marathon-record-falls", title="Course record falls as thousands run the city marathon",
        authors=["Peter Novak"], date="2024-04-21T15:55:00+02:00", section="Sport",
        body=[
            ("p", "Kenyan runner Joseph Kiprono broke the course record at the city marathon on Sunday, finishing in 2 hours 5 minutes and 41 seconds on a cool, windless morning."),
            ("p", "He pulled away from a group of four after 35 kilometres and crossed the line almost a minute ahead of his nearest rival. The previous record had stood for eleven years."),
            ("p", "In the women's race, Meseret Alemu won her second title in three years in 2 hours 21 minutes. More than 14,000 runners started the race, a record for the event."),
            ("p", "Organisers said the new course, which avoids the cobbled streets of the old town, had helped produce fast times, and that they hoped to attract more elite athletes next year."),
        ]),
    dict(
        slug="museum-returns-artefacts", title="Museum returns 23 artefacts to their country of origin",
        authors=["Claire Dubois"], date="2024-03-04T10:30:00+01:00", section="Culture",
        body=[
            ("p", "The national museum of ethnography on Monday handed back 23 bronze and ivory objects taken during the colonial period, in a ceremony attended by delegations from both countries."),
            ("p", "The objects, including two carved tusks and a set of ceremonial plaques, were removed from a royal palace in 1897 and entered the museum's collection in the 1920s through a private donation."),
            ("p", "A joint committee of historians spent three years tracing their history. Its report concluded that the items had been taken by force and that the museum had no legitimate claim to keep them."),
            ("quote", "These objects were never meant to sit in glass cases far from home. Today they begin their journey back to the people who made them."),
            ("p", "The artefacts will be displayed in a new museum under construction in the former royal capital, due to open next year."),
        ]),
    dict(
        slug="power-cut-hits-northern-districts", title="Power cut leaves northern districts dark for six hours",
        authors=["Oliver Grant"], date="2024-01-30T22:10:00+00:00", section="Local",
        body=[
            ("p", "About 80,000 households in the northern districts lost electricity for up to six hours on Tuesday after a fault at a substation, the grid operator said."),
            ("p", "Traffic lights stopped working at dozens of junctions during the evening rush hour, and two tram lines were suspended. Police officers directed traffic at the busiest crossings."),
            ("p", "The operator said a cable joint had failed and caused a fire that damaged switching equipment. Supply was restored in stages, with the last homes reconnected shortly before midnight."),
        ]),
]

FOREIGN = [
    dict(
        slug="stadtwerke-senken-preise", title="Stadtwerke senken die Strompreise zum Jahreswechsel",
        authors=["Katrin Vogel"], date="2023-11-15T09:00:00+01:00", section="Wirtschaft", lang="de",
        body=[
            ("p", "Die Stadtwerke senken zum 1. Januar die Strompreise für rund 120.000 Haushalte. Eine Kilowattstunde kostet dann im Grundtarif 31 Cent statt bisher 36 Cent, wie das Unternehmen am Mittwoch mitteilte."),
            ("p", "Als Grund nannten die Stadtwerke gesunkene Einkaufspreise an der Strombörse. Ein durchschnittlicher Haushalt mit einem Verbrauch von 2.500 Kilowattstunden spart damit etwa 125 Euro im Jahr."),
            ("p", "Verbraucherschützer begrüßten die Senkung, mahnten aber, dass die Preise noch immer deutlich über dem Niveau von 2021 liegen. Sie raten Kunden, ihre Verträge zu vergleichen."),
        ]),
    dict(
        slug="le-festival-de-la-bd-bat-un-record", title="Le festival de la bande dessinée bat un record d'affluence",
        authors=["Julien Marchand"], date="2024-01-29T18:30:00+01:00", section="Culture", lang="fr",
        body=[
            ("p", "Le festival international de la bande dessinée a accueilli plus de 210 000 visiteurs en quatre jours, un record depuis sa création, ont annoncé les organisateurs dimanche soir."),
            ("p", "Les files d'attente devant les expositions consacrées aux mangas et aux jeunes auteurs européens ont parfois dépassé deux heures. Les éditeurs se félicitent de ventes en hausse de près de quinze pour cent."),
            ("p", "Le grand prix a été décerné à une dessinatrice belge pour l'ensemble de son œuvre, qui sera à l'honneur de la prochaine édition avec une exposition rétrospective."),
        ]),
    dict(
        slug="metro-line-opens", title="В городе открыли новую линию метро",
        authors=["Анна Смирнова"], date="2024-03-01T10:00:00+03:00", section="Город", lang="ru",
        body=[
            ("p", "В пятницу в городе открылась новая линия метро длиной двенадцать километров с восемью станциями. Первый поезд отправился в шесть часов утра."),
            ("p", "По словам мэрии, линия сократит время поездки из северных районов в центр почти вдвое. Ежедневно ею будут пользоваться около двухсот тысяч пассажиров."),
            ("p", "Строительство заняло шесть лет и обошлось дороже, чем планировалось. Власти обещают продлить линию ещё на три станции к концу следующего года."),
        ]),
]

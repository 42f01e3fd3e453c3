"""The demo history's words: invented home-care and refugee-service situations.

No real people, no names of service users, no numbers that could be identity
numbers (tests/unit/test_demo_history.py passes every text through the guard).
Deviations: category code -> [(description, immediate action)]; measures and
closing summaries by category; ideas: (title, problem, proposal, benefit).
"""

HOME_CARE_DEVIATIONS = {
    "medication": [
        (
            "Kveldsdosen lå igjen i dosetten da jeg kom på morgenbesøk. Brukeren sa hun "
            "hadde sovnet før kveldsbesøket.",
            "Ringte sykepleier, som vurderte at morgendosen kunne gis som vanlig.",
        ),
        (
            "Multidosen var ikke levert fra apoteket fredag. Brukeren hadde medisiner bare "
            "til lørdag morgen.",
            "Hentet nødpakke på vakt-apoteket og varslet sykepleier.",
        ),
        (
            "Signeringslisten for øyedråper manglet signatur for to dager. Usikkert om "
            "dråpene er gitt.",
            "Spurte brukeren og pårørende, ga dråpene og signerte. Sa fra til ansvarlig.",
        ),
        (
            "Feil styrke på smerteplaster i kurven sammenlignet med legens siste notat.",
            "Satte ikke på nytt plaster før sykepleier hadde sjekket med legen.",
        ),
        (
            "Insulinpennen var ikke oppbevart i kjøleskapet, og det var uklart hvor lenge "
            "den hadde ligget ute.",
            "Brukte ny penn fra lageret og kastet den gamle etter avtale med sykepleier.",
        ),
    ],
    "fall": [
        (
            "Brukeren ble funnet sittende på badegulvet ved morgenbesøket. Sa hun hadde "
            "sklidd på vei til toalettet i natt.",
            "Sjekket for smerter og skader, hjalp henne opp med løfteputen og varslet "
            "sykepleier og fastlege.",
        ),
        (
            "Brukeren snublet i teppekanten i gangen da vi gikk sammen til kjøkkenet. "
            "Ingen synlige skader.",
            "Flyttet teppet til side og noterte i journalen. Avtalte oppfølging neste besøk.",
        ),
        (
            "Trygghetsalarmen gikk klokken fire. Brukeren lå på soveromsgulvet og var kald.",
            "Nattpatruljen hjalp brukeren opp, ga varme klær og tilkalte legevakt.",
        ),
        (
            "Brukeren falt ut av rullestolen ved forflytning til seng. Slo albuen lett.",
            "La på kald kompress og dokumenterte. Ba ergoterapeut vurdere forflytningen.",
        ),
    ],
    "missed_visit": [
        (
            "Morgenbesøket ble over en time forsinket fordi ruten hadde for mange besøk "
            "etter to sykmeldinger.",
            "Ringte brukeren og sa fra om forsinkelsen.",
        ),
        (
            "Kveldsbesøket for tilsyn ble ikke utført. Besøket sto ikke på noen liste etter "
            "omleggingen av rutene.",
            "Besøket ble tatt av nattpatruljen. Brukeren hadde det bra.",
        ),
        (
            "Brukeren fikk ikke hjelp til dusj på fast dag fordi nøkkelboksen ikke ville åpne seg.",
            "Nytt besøk samme ettermiddag etter at koden ble sjekket med kontoret.",
        ),
        (
            "To ansatte kom til samme bruker samtidig, mens en annen bruker ventet på "
            "lunsjbesøket.",
            "Den ene kjørte videre med en gang. Lunsjbesøket ble en halvtime forsinket.",
        ),
    ],
    "documentation": [
        (
            "Tiltaksplanen i journalen var ikke oppdatert etter utskrivning fra sykehuset. "
            "Ny ernæringsplan manglet.",
            "Sa fra til primærkontakt, som oppdaterte planen samme dag.",
        ),
        (
            "Rapporten fra kveldsvakten manglet opplysning om at brukeren hadde feber.",
            "Målte temperatur på morgenbesøket og varslet sykepleier.",
        ),
        (
            "Beskjed om endret besøkstid ble lagt i feil brukers journal.",
            "Flyttet notatet og sjekket at riktig bruker hadde fått beskjeden.",
        ),
    ],
    "equipment": [
        (
            "Personløfteren hos brukeren var ikke ladet, og vi måtte utsette forflytningen.",
            "Satte løfteren til lading og kom tilbake en time senere.",
        ),
        (
            "Rullatoren hadde løs brems. Brukeren bruker den hver dag inne og ute.",
            "Lånte rullator fra hjelpemiddellageret og meldte feilen.",
        ),
        (
            "Trygghetsalarmen svarte ikke ved test. Batteriet var tomt.",
            "Byttet batteri og testet alarmen sammen med alarmsentralen.",
        ),
        (
            "Blodsukkerapparatet ga feilmelding og viste ingen verdi.",
            "Brukte reserveapparat fra bilen og bestilte nytt.",
        ),
    ],
    "privacy": [
        (
            "Arbeidslisten for dagen ble liggende igjen i bilen med vinduet åpent på "
            "parkeringsplassen.",
            "Hentet listen med en gang og makulerte den på kontoret.",
        ),
        (
            "En pårørende spurte om helseopplysninger om naboen sin i trappeoppgangen.",
            "Sa at vi ikke kan gi opplysninger om andre og henviste til kontoret.",
        ),
        (
            "Nøkkelen til en bruker ble levert i feil nøkkelskap på kontoret.",
            "Fant nøkkelen og la den på riktig plass. Sjekket registeret.",
        ),
    ],
    "infection": [
        (
            "Brukeren hadde oppkast og diaré. Vi hadde ikke smittefrakker i bilen.",
            "Hentet utstyr på kontoret før stell og tok besøket sist på ruten.",
        ),
        (
            "Hanskelageret hos brukeren var tomt, og det var ikke håndsprit.",
            "Brukte hansker fra bilen og la igjen en ny pakke.",
        ),
        (
            "Kollega kom på jobb med tydelige forkjølelsessymptomer under utbrudd på "
            "naboavdelingen.",
            "Kollegaen ble sendt hjem etter samtale med leder.",
        ),
    ],
    "violence": [
        (
            "Brukeren ble sint under stell, slo etter meg og kastet en kopp. Jeg ble ikke truffet.",
            "Trakk meg ut av rommet, ventet til brukeren roet seg og fullførte med kollega.",
        ),
        (
            "Pårørende kom med trusler på telefon etter at besøket ble flyttet.",
            "Avsluttet samtalen rolig og sa fra til leder samme dag.",
        ),
        (
            "Brukeren grep hardt tak i armen min under forflytning og ville ikke slippe.",
            "Fikk hjelp av kollega. Fikk et blåmerke, ingen annen skade.",
        ),
    ],
    "staff_injury": [
        (
            "Vred ryggen ved forflytning fra seng til stol uten løfter, fordi løfteren "
            "var i stykker.",
            "Tok pause, fullførte resten av ruten med lettere oppgaver og sa fra til leder.",
        ),
        (
            "Skled på isen ved inngangen til en bruker. Slo hånden.",
            "Fikk strødd trappen og la på is hjemme. Meldte fra til vaktleder.",
        ),
        (
            "Stakk meg på en brukt insulinnål som lå løst på nattbordet.",
            "Vasket og desinfiserte, kontaktet legevakt for vurdering etter rutinen.",
        ),
    ],
    "other": [
        (
            "Brukeren hadde ikke mat i kjøleskapet. Matleveransen var ikke bestilt denne uken.",
            "Handlet det nødvendigste og ringte matleverandøren.",
        ),
        (
            "Det var veldig kaldt i leiligheten. Ovnene var slått av.",
            "Slo på ovnene og sjekket temperaturen ved neste besøk.",
        ),
    ],
}

REFUGEE_DEVIATIONS = {
    "housing": [
        (
            "Familien flyttet inn i en leilighet uten komfyr og med kun én seng.",
            "Kjøpte kokeplate og lånte madrasser fra lageret samme dag.",
        ),
        (
            "Det er fukt og mugg på badet i en av de kommunale boligene. Barna er mye forkjølet.",
            "Meldte skade til boligforvaltningen og ba om snarlig befaring.",
        ),
        (
            "Nøkkelen til den nye boligen var ikke klar da familien kom fra mottaket.",
            "Familien fikk overnatte på hotell en natt etter avtale med leder.",
        ),
        (
            "Husleien ble trukket to ganger fra introduksjonsstønaden denne måneden.",
            "Kontaktet økonomi, som rettet feilen og betalte tilbake.",
        ),
    ],
    "interpreter": [
        (
            "Tolken møtte ikke til samtalen om introduksjonsprogrammet. Samtalen måtte avlyses.",
            "Ny time ble satt opp med telefontolk neste dag.",
        ),
        (
            "Det ble brukt et barn som tolk i en samtale om helse fordi tolk ikke var bestilt.",
            "Avbrøt samtalen og bestilte kvalifisert tolk til ny samtale.",
        ),
        (
            "Telefontolken hadde dårlig lyd, og deltakeren forsto ikke vedtaket.",
            "Avtalte nytt møte med fremmøtetolk for å gå gjennom vedtaket.",
        ),
    ],
    "cooperation": [
        (
            "Skolen visste ikke at familien hadde flyttet, og barna sto uten skoleplass i en uke.",
            "Ringte rektor og fikk ordnet plass. Avtalte fast varsling ved flytting.",
        ),
        (
            "Helsestasjonen fikk ikke beskjed om ankomst, og første helsesamtale ble ikke "
            "satt opp.",
            "Sendte melding til helsestasjonen og fikk time neste uke.",
        ),
        (
            "Voksenopplæringen og vi ga deltakeren ulike beskjeder om timeplanen.",
            "Avklarte med voksenopplæringen og ga deltakeren én skriftlig plan.",
        ),
    ],
    "documentation": [
        (
            "Individuell plan var ikke oppdatert etter at deltakeren byttet språkspor.",
            "Oppdaterte planen sammen med deltakeren i neste samtale.",
        ),
        (
            "Vedtaket om stønad ble sendt til gammel adresse.",
            "Sendte vedtaket på nytt og rettet adressen i fagsystemet.",
        ),
        (
            "Notat fra samtale ble ikke skrevet før etter en uke, og detaljer manglet.",
            "Skrev notatet så godt det lot seg gjøre og merket det som etterregistrert.",
        ),
    ],
    "privacy": [
        (
            "En e-post med opplysninger om en familie ble sendt til feil samarbeidspartner.",
            "Ba mottakeren slette e-posten, fikk bekreftelse og meldte til personvernombudet.",
        ),
        (
            "Venterommet er så lite at andre kan høre samtalene i skranken.",
            "Tok samtalen på et møterom i stedet.",
        ),
    ],
    "violence": [
        (
            "En deltaker ble svært sint i skranken etter avslag på søknad og slo i bordet.",
            "Kollega kom til. Vi ga deltakeren tid og avtalte ny samtale med tolk.",
        ),
        (
            "Trusler på telefon fra en person som mente vi hadde holdt tilbake penger.",
            "Avsluttet samtalen, skrev ned hva som ble sagt og varslet leder.",
        ),
    ],
    "other": [
        (
            "Familien hadde ikke fått bankkort, og det var tre dager til lønning.",
            "Ga nødhjelp etter rutinen og fulgte opp med banken.",
        ),
        (
            "Bussbilletten til introduksjonsprogrammet var ikke fornyet.",
            "Ga enkeltbillett for uken og bestilte nytt periodekort.",
        ),
    ],
}

LOCATIONS = {
    "home-care": [
        "Hjemme hos bruker",
        "Hjemme hos bruker – bad",
        "Hjemme hos bruker – soverom",
        "Omsorgsboligen, Sørbyen",
        "Bilen på rute",
        "Kontoret, hjemmetjenesten",
        "Trappeoppgang",
    ],
    "refugee": [
        "Skranken, NAV-kontoret",
        "Møterom 2",
        "Kommunal bolig",
        "Telefon",
        "Voksenopplæringen",
        "Hjemmebesøk",
    ],
}

MEASURES = {
    "medication": [
        "Gå gjennom rutinen for dosetter på neste personalmøte",
        "Fast sjekk av signeringslister på fredager",
        "Avklare levering med apoteket",
    ],
    "fall": [
        "Fallrisikovurdering hos brukeren",
        "Ergoterapeut vurderer hjelpemidler",
        "Sklisikre matter på badet",
    ],
    "missed_visit": [
        "Gjennomgå rutene før helgen",
        "Kontoret sjekker at alle besøk står på en liste etter omlegging",
    ],
    "documentation": [
        "Repetere journalrutinen for nyansatte",
        "Primærkontakt oppdaterer tiltaksplanen innen en uke",
    ],
    "equipment": ["Fast ladeliste for løftere", "Meldeskjema for hjelpemidler i bilene"],
    "privacy": [
        "Låsbar mappe til arbeidslister i alle biler",
        "Repetere taushetsplikt på personalmøtet",
    ],
    "infection": ["Fast pakke med smitteutstyr i hver bil", "Sjekkliste for utstyr hos brukere"],
    "violence": [
        "Risikovurdering og plan for to ansatte ved stell",
        "Samtale med verneombud",
        "Debrief med den ansatte",
    ],
    "staff_injury": [
        "Verneombudet ser på forflytningsrutinen",
        "Strøing av inngangen avtalt med vaktmester",
        "Kanyleboks hos brukeren",
    ],
    "housing": ["Befaring med boligforvaltningen", "Sjekkliste for bolig før innflytting"],
    "interpreter": ["Tolk bestilles når timen settes", "Bruke fremmøtetolk ved vedtak"],
    "cooperation": [
        "Fast varsel til skole og helsestasjon ved flytting",
        "Felles møte med voksenopplæringen hver måned",
    ],
    "other": ["Ta saken opp på neste personalmøte", "Lage en kort rutine for dette"],
}

CLOSING = [
    "Tiltakene er gjennomført og fungerer. Saken er tatt opp på personalmøtet.",
    "Rutinen er gjennomgått med alle på gruppa. Vi følger med på om det skjer igjen.",
    "Årsaken var en svikt i planleggingen. Det er rettet, og ingen tok skade.",
    "Brukeren er fulgt opp, og vi har endret rutinen slik at det blir fanget opp tidligere.",
    "Den ansatte er fulgt opp, og verneombudet har vært med på gjennomgangen.",
    "Utstyret er byttet, og vi har laget en fast sjekk. Takk for at du meldte fra!",
]
TAKEN_UP = [
    "Takk for meldingen. Jeg ser på dette og tar det opp med sykepleierne.",
    "Takk! Vi tar dette på tavlemøtet på tirsdag.",
    "Jeg har snakket med de involverte. Tiltak kommer.",
    None,
]

HOME_CARE_IDEAS = [
    (
        "Sjekkliste for dosett på kveldsbesøket",
        "Kveldsdoser blir liggende igjen uten at noen oppdager det før morgenen.",
        "En kort sjekkliste på kjøleskapsdøren som den som tar kveldsbesøket krysser av.",
        "Færre glemte doser og tryggere brukere.",
    ),
    (
        "Fast ladeplass for løftere",
        "Løftere står uten strøm når vi trenger dem.",
        "Merke en fast ladeplass hos hver bruker med løfter og sjekke den på kveldsbesøket.",
        "Ingen utsatte forflytninger.",
    ),
    (
        "Kodebok for nøkkelbokser på nettbrettet",
        "Vi står ofte utenfor og ringer kontoret for å få riktig kode.",
        "Kodene ligger i den sikre appen, ikke på lapper.",
        "Mindre venting og mindre lapper som kan komme på avveie.",
    ),
    (
        "Smittepakke i alle biler",
        "Vi mangler ofte smittefrakk og munnbind når vi trenger det.",
        "En fast pakke i hver bil som fylles opp på fredager.",
        "Bedre smittevern og mindre kjøring til kontoret.",
    ),
    (
        "Strø ved inngangene på morgenruten",
        "Det er glatt ved flere inngangspartier om morgenen.",
        "Små strøsandbøtter i bilene og en avtale med vaktmestrene.",
        "Færre fall blant ansatte og brukere.",
    ),
    (
        "Felles oppstart klokken halv åtte",
        "Viktige beskjeder fra natten når ikke alle før ruten starter.",
        "Ti minutter stående oppstart med beskjeder fra natten.",
        "Alle vet det samme når de kjører ut.",
    ),
    (
        "Samme ansatte hos de samme brukerne",
        "Noen brukere møter mange ulike ansatte i løpet av en uke.",
        "Faste team på tre for brukere med demens.",
        "Tryggere brukere og bedre kjennskap til hver enkelt.",
    ),
    (
        "Bilder av hjelpemidler i tiltaksplanen",
        "Nyansatte vet ikke hvordan hjelpemidlene hos brukeren skal brukes.",
        "Legge inn et bilde og to linjer om bruk i tiltaksplanen.",
        "Raskere opplæring og riktigere bruk.",
    ),
    (
        "Matlevering på fast dag",
        "Noen brukere går tom for mat før ny levering.",
        "Fast leveringsdag og en påminnelse i ruten dagen før.",
        "Ingen brukere uten mat.",
    ),
    (
        "Debrief etter vold og trusler",
        "Den som har opplevd noe vanskelig går ofte rett videre på ruten.",
        "Fast ti minutters samtale med leder eller verneombud samme dag.",
        "Ansatte blir ivaretatt og vi lærer av hendelsene.",
    ),
    (
        "Ruteplan med buffer",
        "Rutene sprekker når én bruker trenger mer tid.",
        "Legge inn ti minutter buffer midt på hver rute.",
        "Færre forsinkede besøk.",
    ),
    (
        "Påminnelse om øyedråper",
        "Øyedråper glemmes oftere enn tabletter.",
        "Egen rad for dråper på signeringslisten.",
        "Færre glemte dråper.",
    ),
    (
        "Nattpatruljen sjekker alarmbatterier",
        "Trygghetsalarmer går tom for batteri uten at noen merker det.",
        "Batterisjekk en gang i måneden på nattrunden.",
        "Alarmene virker når de trengs.",
    ),
    (
        "Kanyleboks hos alle som bruker insulin",
        "Brukte nåler blir liggende løst.",
        "Levere kanyleboks til alle brukere med insulin.",
        "Ingen stikkskader.",
    ),
    (
        "Kort opplæring i forflytning",
        "Flere har vondt i ryggen etter forflytninger.",
        "Ergoterapeut holder en halvtimes opplæring hver måned.",
        "Færre belastningsskader.",
    ),
    (
        "Sjekk av kjøleskap ved innkjøp",
        "Vi kaster mye mat som har gått ut på dato hos brukerne.",
        "Se gjennom kjøleskapet før vi skriver handleliste.",
        "Mindre svinn og bedre kosthold.",
    ),
    (
        "Tydelige nøkkelskap på kontoret",
        "Nøkler havner i feil skap.",
        "Fargekoder og tydelig merking per rute.",
        "Færre leteaksjoner.",
    ),
    (
        "Telefon til pårørende ved endring",
        "Pårørende blir ikke alltid varslet når besøkstiden endres.",
        "Den som endrer tiden ringer også pårørende.",
        "Færre klager og tryggere familier.",
    ),
    (
        "Ukens tips på tavlemøtet",
        "Gode løsninger blir ikke delt.",
        "Ett tips fra en kollega hvert tavlemøte.",
        "Vi lærer av hverandre.",
    ),
    (
        "Vinterdekk-sjekk i oktober",
        "Bilene har ikke alltid vinterdekk når snøen kommer.",
        "Fast sjekk av alle biler første uke i oktober.",
        "Trygg kjøring.",
    ),
    (
        "Skjema for bestilling av hjelpemidler i bilen",
        "Vi glemmer å melde feil på hjelpemidler.",
        "Et enkelt skjema i hanskerommet som leveres på kontoret.",
        "Feil blir rettet raskere.",
    ),
    (
        "Rolig stell-plan for urolige brukere",
        "Noen brukere blir urolige under stell.",
        "En kort plan om hva som roer brukeren, skrevet sammen med pårørende.",
        "Mindre uro og færre trusselsituasjoner.",
    ),
    (
        "Fast plass for nøkler i bilen",
        "Nøkler blir liggende løst i bilen og er vanskelige å finne.",
        "En låsbar boks i hanskerommet med merkede kroker.",
        "Raskere start på hvert besøk og tryggere oppbevaring.",
    ),
    (
        "Påminnelse om drikke hos eldre",
        "Flere brukere drikker for lite, særlig om sommeren.",
        "En drikkeliste på kjøleskapet som vi fyller ut ved hvert besøk.",
        "Færre innleggelser for uttørking.",
    ),
    (
        "Felles handleliste-mal",
        "Handlelistene er ulike og vanskelige å lese.",
        "En fast mal med de vanligste varene å krysse av.",
        "Mindre feilhandling.",
    ),
    (
        "Rolig rom til rapport",
        "Rapporten blir avbrutt av telefoner og spørsmål.",
        "Bruke det lille møterommet til rapport og sette telefonene på vent.",
        "Bedre rapport og færre glemte beskjeder.",
    ),
    (
        "Ergoterapeut med på første besøk",
        "Nye brukere mangler hjelpemidler de første ukene.",
        "Ergoterapeut blir med på første besøk hos nye brukere med fallrisiko.",
        "Hjelpemidlene kommer på plass tidligere.",
    ),
    (
        "Kveldsvakt ringer før de kommer",
        "Noen brukere blir engstelige når det ringer på sent.",
        "Ringe fem minutter før kveldsbesøket hos de som ønsker det.",
        "Tryggere brukere.",
    ),
    (
        "Bytte av sengetøy på fast dag",
        "Det er uklart hvem som skal skifte sengetøy.",
        "Fast dag per bruker i tiltaksplanen.",
        "Ingen blir glemt.",
    ),
    (
        "Mobil lader i alle biler",
        "Nettbrettene går tom for strøm midt på ruten.",
        "Lader i hver bil og en fast sjekk på fredager.",
        "Vi kan alltid dokumentere og melde avvik.",
    ),
    (
        "Kort opplæring i appen for vikarer",
        "Vikarer vet ikke hvordan de melder avvik.",
        "Et ark med tre bilder: Nytt avvik, Nytt forslag, Mine saker.",
        "Flere avvik blir meldt.",
    ),
    (
        "Felles lunsj en gang i uken",
        "Vi møtes sjelden, og beskjeder går tapt.",
        "Lunsj sammen på kontoret hver torsdag.",
        "Bedre samhold og mer deling.",
    ),
    (
        "Hjelp med brøyting hos brukere",
        "Det er ikke måkt ved inngangen hos flere brukere.",
        "Liste over brukere som trenger brøyting, sendt til kommunens tjeneste.",
        "Tryggere for brukere og ansatte.",
    ),
    (
        "Egen liste for sårstell",
        "Det er vanskelig å se hvordan et sår utvikler seg.",
        "Bilde og kort notat hver tredje dag i journalen.",
        "Bedre oppfølging av sår.",
    ),
    (
        "Ta med pårørende i ukeplanen",
        "Pårørende vet ikke når vi kommer.",
        "Dele ukeplanen med pårørende som ønsker det.",
        "Bedre samarbeid.",
    ),
    (
        "Egen bil for nattpatruljen",
        "Nattpatruljen må lete etter ledig bil.",
        "Reservere én bil til natten.",
        "Raskere utrykning.",
    ),
    (
        "Sjekk av røykvarslere",
        "Vi vet ikke om røykvarslerne hos brukerne virker.",
        "Trykke på testknappen ved første besøk hver måned.",
        "Tryggere hjem.",
    ),
    (
        "Fotpleie på fast tid",
        "Brukerne får fotpleie for sjelden.",
        "Avtale med fotterapeut om fast runde hver sjette uke.",
        "Færre sår og fall.",
    ),
    (
        "Besøksliste i stort format",
        "Små skrifter på listene er vanskelige å lese i bilen.",
        "Skrive ut listene med større skrift.",
        "Færre feil.",
    ),
    (
        "Nytt skap til smitteutstyr",
        "Smitteutstyret ligger spredt på kontoret.",
        "Ett merket skap med fast påfyll.",
        "Raskere å finne det vi trenger.",
    ),
]

REFUGEE_IDEAS = [
    (
        "Sjekkliste før innflytting",
        "Familier flytter inn i boliger som mangler det nødvendigste.",
        "En sjekkliste som boligkonsulenten går gjennom dagen før.",
        "Bedre første dag i ny bolig.",
    ),
    (
        "Tolk bestilles med timen",
        "Tolk blir glemt eller bestilt for sent.",
        "Fagsystemet spør om tolk når timen settes.",
        "Ingen samtaler uten tolk.",
    ),
    (
        "Velkomstmappe på flere språk",
        "Nye familier får mye informasjon muntlig som blir glemt.",
        "En enkel mappe med bilder og de viktigste kontaktene på flere språk.",
        "Familiene finner fram selv.",
    ),
    (
        "Felles møte med voksenopplæringen",
        "Deltakerne får ulike beskjeder fra oss og skolen.",
        "Månedlig møte med voksenopplæringen.",
        "Én plan for hver deltaker.",
    ),
    (
        "Skjermet samtalerom ved skranken",
        "Andre kan høre samtalene i skranken.",
        "Bruke møterommet ved siden av til alle samtaler om personlige forhold.",
        "Bedre personvern.",
    ),
    (
        "Varsel til skole ved flytting",
        "Skolen får ikke vite at familier flytter.",
        "Fast melding til skole og helsestasjon samme dag som kontrakten signeres.",
        "Barna får skoleplass med en gang.",
    ),
    (
        "Faste kontaktdager",
        "Deltakerne vet ikke når de kan treffe veilederen sin.",
        "To faste dager i uken med drop-in.",
        "Færre telefoner og bedre oppfølging.",
    ),
    (
        "Sjekk av bankkort ved ankomst",
        "Familier står uten penger de første dagene.",
        "Sjekke bankkort og konto i første samtale.",
        "Mindre behov for nødhjelp.",
    ),
    (
        "Kort om husleie på eget språk",
        "Mange forstår ikke hvordan husleien trekkes.",
        "En kort forklaring med eksempel på flere språk.",
        "Færre misforståelser og restanser.",
    ),
    (
        "Befaring av boliger hvert halvår",
        "Fukt og skader blir oppdaget for sent.",
        "Fast befaring sammen med boligforvaltningen.",
        "Friskere boliger.",
    ),
    (
        "Fremmøtetolk ved vedtak",
        "Telefontolk fungerer dårlig når vedtak skal forklares.",
        "Bruke fremmøtetolk når et vedtak skal gjennomgås.",
        "Deltakerne forstår vedtakene.",
    ),
    (
        "Notat skrives samme dag",
        "Notater skrives for sent, og detaljer går tapt.",
        "Sette av femten minutter etter hver samtale.",
        "Bedre dokumentasjon.",
    ),
    (
        "Periodekort fornyes automatisk",
        "Bussbilletter går ut uten at noen fornyer dem.",
        "Påminnelse i kalenderen en uke før utløp.",
        "Deltakerne kommer seg til skolen.",
    ),
    (
        "Plan for krevende samtaler",
        "Noen samtaler om avslag blir opphetet.",
        "To ansatte og tolk i samtaler om avslag, og et rom nær utgangen.",
        "Tryggere for alle.",
    ),
    (
        "Språkkafé på fredager",
        "Deltakerne får lite norsk trening utenfor skolen.",
        "Frivillige og ansatte møter deltakerne en time på fredager.",
        "Mer norsk og flere kjente fjes.",
    ),
    (
        "Felles innboks for boligsaker",
        "Meldinger om boligfeil blir liggende hos én person.",
        "En felles innboks som to ansatte følger med på.",
        "Raskere svar til familiene.",
    ),
    (
        "Barnehageplass i første samtale",
        "Familier venter lenge på barnehageplass.",
        "Søke om barnehageplass sammen med familien i første samtale.",
        "Foreldrene kan starte i introduksjonsprogrammet tidligere.",
    ),
    (
        "Fast tolk for de største språkene",
        "Det er ulike tolker hver gang, og samtalene blir tregere.",
        "Avtale med faste tolker for de tre største språkene.",
        "Bedre flyt og mer tillit.",
    ),
    (
        "Oversikt over frivillige",
        "Vi vet ikke hvilke frivillige som kan hjelpe med hva.",
        "En felles oversikt med kontaktinfo og hva de kan bidra med.",
        "Flere familier får hjelp.",
    ),
    (
        "Sjekkliste for første uke",
        "Viktige oppgaver den første uken blir glemt.",
        "En sjekkliste for skole, lege, bank og bolig den første uken.",
        "Ingen familier faller mellom to stoler.",
    ),
    (
        "Fastlege ved ankomst",
        "Det tar lang tid før familiene får fastlege.",
        "Søke fastlege samme dag som bosettingen.",
        "Raskere helsehjelp.",
    ),
    (
        "Kurs i privatøkonomi",
        "Mange deltakere har vansker med å legge budsjett.",
        "Et kort kurs med tolk en gang i måneden.",
        "Færre restanser og mindre nødhjelp.",
    ),
    (
        "Digitalt postkort om NAV-appen",
        "Deltakerne finner ikke fram i NAV sine digitale tjenester.",
        "Et postkort med bilder som viser de tre viktigste stegene.",
        "Færre spørsmål i skranken.",
    ),
    (
        "Møbellager i samarbeid med kirken",
        "Familier mangler møbler når de flytter inn.",
        "Samarbeid med kirkens bruktlager om møbler.",
        "Bedre boliger fra første dag.",
    ),
    (
        "Kveldsåpent en gang i måneden",
        "Deltakere i arbeid rekker ikke å komme på dagtid.",
        "Åpent til klokken sju den første torsdagen i måneden.",
        "Bedre tilgjengelighet.",
    ),
    (
        "Felles kalender for ansatte",
        "Vi vet ikke hvem som er ute på hjemmebesøk.",
        "En felles kalender der alle hjemmebesøk står.",
        "Tryggere for ansatte og lettere å svare på telefon.",
    ),
    (
        "Alarmknapp i samtalerommene",
        "Det er ingen måte å tilkalle hjelp på i møterommene.",
        "Montere alarmknapp i begge samtalerommene.",
        "Tryggere samtaler.",
    ),
    (
        "Mentorordning for nye ansatte",
        "Nye ansatte lærer rutinene tilfeldig.",
        "Hver nyansatt får en erfaren kollega som mentor de første ukene.",
        "Raskere opplæring og færre feil.",
    ),
    (
        "Sommeraktiviteter for barn",
        "Barna har lite å gjøre i sommerferien.",
        "Samarbeid med idrettslag om gratis sommerskole.",
        "Barna blir kjent med andre barn.",
    ),
    (
        "Ferdig svar på vanlige spørsmål",
        "Vi svarer på de samme spørsmålene mange ganger.",
        "Ark med svar på de ti vanligste spørsmålene på flere språk.",
        "Mer tid til samtaler som trengs.",
    ),
    (
        "Kontaktperson i boligforvaltningen",
        "Vi vet ikke hvem vi skal ringe om boligfeil.",
        "Avtale en fast kontaktperson i boligforvaltningen.",
        "Raskere utbedring.",
    ),
    (
        "Sykkelkurs for voksne",
        "Mange deltakere har lang vei til skolen.",
        "Sykkelkurs sammen med frivillige om våren.",
        "Billigere og friere transport.",
    ),
    (
        "Tolk på foreldremøter",
        "Foreldrene forstår lite av foreldremøtene på skolen.",
        "Skolen bestiller tolk etter liste fra oss.",
        "Foreldrene kan følge opp barna.",
    ),
    (
        "Samtale etter tre måneder",
        "Vi fanger ikke opp familier som strever etter den første tiden.",
        "Fast samtale etter tre måneder med alle nye familier.",
        "Problemer blir oppdaget tidligere.",
    ),
    (
        "Mal for samtalenotat",
        "Samtalenotatene er ulike og vanskelige å finne fram i.",
        "En kort mal med faste overskrifter.",
        "Bedre dokumentasjon og raskere å lese.",
    ),
    (
        "Informasjon om fritidstilbud",
        "Familiene kjenner ikke til fritidstilbudene i kommunen.",
        "En enkel oversikt som deles ut ved bosetting.",
        "Flere barn deltar i aktiviteter.",
    ),
    (
        "Strømavtale ved innflytting",
        "Noen familier står uten strømavtale etter innflytting.",
        "Ordne strømavtale sammen med familien første dag.",
        "Ingen overraskende regninger.",
    ),
    (
        "Debrief etter krevende samtaler",
        "Ansatte går videre uten å snakke om vanskelige samtaler.",
        "Ti minutter med leder eller kollega etterpå.",
        "Ansatte blir ivaretatt.",
    ),
    (
        "Felles språkkafé med biblioteket",
        "Biblioteket har tilbud som deltakerne ikke kjenner til.",
        "Flytte språkkafeen til biblioteket.",
        "Flere deltakere og nye kontakter.",
    ),
    (
        "Nøkkelkvittering ved innflytting",
        "Det er uklart hvor mange nøkler familiene har fått.",
        "Kvittering for nøkler som familien signerer.",
        "Færre tapte nøkler og tvister.",
    ),
]

# A leader's "lag forbedringsforslag" from a deviation: category -> (title, proposal).
FROM_DEVIATION = {
    "fall": (
        "Fallforebygging hjemme",
        "Gå gjennom hjemmet sammen med brukeren og fjerne "
        "tepper og løse ledninger. Nattlys på vei til badet.",
    ),
    "equipment": (
        "Fast sjekk av hjelpemidler",
        "En sjekkliste for hjelpemidler som gås "
        "gjennom hos hver bruker den første mandagen i måneden.",
    ),
    "medication": (
        "Dobbeltkontroll av dosetter",
        "To ansatte sjekker dosettene når de fylles, og begge signerer.",
    ),
    "housing": (
        "Befaring før innflytting",
        "Boligkonsulent og vaktmester går gjennom boligen med sjekkliste før familien flytter inn.",
    ),
    "interpreter": (
        "Tolk i kalenderen",
        "Tolkebestillingen legges inn i kalenderen sammen med timen, så vi ser om den mangler.",
    ),
}

IDEA_COMMENTS = [
    "Enig, dette har jeg savnet lenge.",
    "Kan vi prøve det på min rute først?",
    "Jeg kan hjelpe til med å lage dette.",
    "Vi gjorde noe lignende der jeg jobbet før, og det fungerte godt.",
    "Hva med helgene? Da er vi færre på jobb.",
    "Bra forslag! Det sparer oss for mye tid.",
    "Husk å ta med nattevakten på dette.",
]
DECISIONS = {
    "under_review": [
        "Jeg sjekker hva det koster og kommer tilbake på neste tavlemøte.",
        "Vi må avklare dette med sykepleierne først.",
        "Jeg tar det med til enhetsleder.",
    ],
    "approved": [
        "Godt forslag. Vi prøver det i fire uker og ser hvordan det går.",
        "Vi setter i gang. Si fra om dere trenger noe.",
        "Ja! Vi starter på én rute først.",
    ],
    "in_progress": ["Arbeidet er i gang.", None],
    "rejected": [
        "Det passer ikke med avtalen vi har med apoteket, men takk for at du tenkte på det.",
        "Vi har ikke budsjett til dette i år. Jeg tar det opp igjen til høsten.",
        "Dette er allerede dekket av rutinen vi innførte i vår. Jeg viser deg hvor den ligger.",
    ],
    "parked": [
        "Vi venter til vi har flere på jobb etter sommeren.",
        "Vi parkerer dette til den nye turnusen er på plass.",
    ],
}
LEARNING = [
    "Det fungerer. Alle bruker det nå, og vi har ikke hatt samme avvik siden.",
    "Det tok fem minutter å ordne, og det sparer oss for mye leting.",
    "Vi prøvde det i tre uker. Det ble bedre, og vi fortsetter.",
    "Enkelt å få til, og brukerne merker forskjell.",
]
PDSA = {
    "pdsa_plan": [
        "Prøve i tre uker på rute to. Telle hvor mange ganger det skjer før og etter.",
        "Starte med fem brukere og spørre de ansatte etter to uker.",
    ],
    "pdsa_do": [
        "Startet mandag. Alle på rute to har fått beskjed.",
        "Laget utkast og hengt opp. Første uke gikk greit.",
    ],
    "pdsa_study": [
        "Færre avvik enn før, men kveldsvakten glemmer det av og til.",
        "De fleste synes det er nyttig. To ønsker en enklere versjon.",
    ],
    "pdsa_act": [
        "Vi innfører det på alle rutene.",
        "Vi justerer og prøver en uke til før vi bestemmer oss.",
    ],
}


# The injury register's words for the demo's staff injuries (by the deviation's text).
INJURIES = {
    "Vred ryggen ved forflytning fra seng til stol uten løfter, fordi løfteren "
    "var i stykker.": "Strekk i korsryggen, sykmeldt to dager.",
    "Skled på isen ved inngangen til en bruker. Slo hånden.": "Forstuet håndledd.",
    "Stakk meg på en brukt insulinnål som lå løst på nattbordet.": (
        "Stikkskade i pekefingeren; blodprøver etter rutinen."
    ),
}
# What the saved time was used for (a realised gain's note).
REALISED_GAIN = "Tiden brukes til mer tid hos brukerne."

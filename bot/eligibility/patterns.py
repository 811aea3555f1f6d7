"""The wording a scenario question uses, as regular expressions over folded text (no å/ä/ö).

Every pattern runs on " " + folded tokens joined by single spaces + " ", so a word boundary is
a space. Swedish and English are both always tried: staff write either, whatever the reply
language. Kept apart from the reader so the vocabulary can grow without touching its logic.
"""

from __future__ import annotations

import re


def rx(*alternatives: str) -> re.Pattern[str]:
    """One pattern matching any alternative as whole words."""
    return re.compile(r" (?:" + "|".join(alternatives) + r") ")


W = r"(?:\w+ )"  # one filler word

# A person: an age, "en <noun>" or a pronoun. ("man" alone is the
# Swedish generic pronoun "one", so it counts only after an article or an adjective.)
NOUN = (r"\w*(?:kvinna|person|ungdom|tjej|kille|klient|deltagare|sokande|individ|brukare|mamma|"
        r"pappa|student|studerande|nyanland|arbetslos|flykting|pojke|flicka)")
PERSON = rx(r"(?:en|ett) " + W + r"{0,2}" + NOUN, r"(?:en|ett) (?!om |som |att |och |nar )\w+ man",
            r"en man", r"\d{1,3} ?(?:arig|aring|aringen)\w*", r"\d{1,3} ?ar gammal",
            r"hen|han|hon|hens|hennes|hans|henne|honom", r"nagon som",
            r"(?:a|an) " + W + r"{0,2}(?:man|woman|person|client|participant|applicant|youth|"
            r"student|job seeker|jobseeker|girl|boy|mother|father|newcomer|refugee)",
            r"he|she|someone", r"\d{1,3} year old", r"aged \d{1,3}")
# "personen", "klienten" are left out: "om personen har kontakt med stadsdelen, vem beslutar"
# asks about the rule. A pronoun points at one person the asker has in mind.
PRONOUN = rx(r"hen|han|hon|hens|hennes|hans|henne|honom|he|she|him|her|his")
# Wording that asks whether the person can, may or is eligible ("vem fattar beslutet" asks
# who decides, which the rules answer too).
CAN = rx(r"kan", r"far", r"fa", r"omfattas", r"omfattad", r"berattigad\w*", r"uppfyller",
         r"kvalificerar", r"ingar", r"platsar", r"passar", r"beviljas", r"bevilja",
         r"remitteras", r"remittera", r"anvisas", r"aktualiseras", r"ta emot", r"tas emot",
         r"tas in", r"gar det", r"mojligt", r"behorig", r"vem (?:fattar|tar|beslutar)",
         r"can", r"could", r"may", r"eligible", r"qualify", r"qualifies", r"entitled",
         r"covered", r"who decides", r"allowed", r"vad gor vi", r"hur gor vi", r"what do we do")
# The question must be about access to a measure, not about leave, fees, orders or the like.
ABOUT_ACCESS = rx(r"insats\w*", r"stod\w*", r"hjalp", r"remitt\w*", r"anvis\w*",
                  r"aktualiser\w*", r"omfattas", r"malgrupp\w*", r"berattigad\w*", r"bevilja\w*",
                  r"kriteri\w*", r"ta emot", r"tas emot", r"tas in", r"ingar", r"jobbtorg\w*",
                  r"arbetscoach\w*", r"coach\w*", r"ami", r"portalen", r"avestamodellen",
                  r"modellen", r"enheten", r"arbetsmarknadsenheten", r"ame", r"beslut\w*",
                  r"eligible", r"qualify", r"covered", r"support", r"measure", r"refer\w*",
                  r"target group\w*", r"criteria", r"granted", r"help", r"job coach\w*")
OTHER_TOPIC = rx(r"ledig\w*", r"semester", r"busskort\w*", r"buskort\w*", r"egenavgift\w*",
                 r"avtal\w*", r"bestall\w*", r"faktur\w*", r"kostnad\w*", r"betala\w*",
                 r"lon\w*", r"ersattning\w*", r"sekretess\w*", r"journal\w*", r"fritid\w*",
                 r"etableringsjobb\w*", r"forlang\w*", r"fortsatt\w*", r"fortsatta",
                 r"avslut\w*", r"uppfoljning", r"uppfoljningen", r"hur lange", r"leave", r"holiday pay",
                 r"bus pass", r"fee\w*", r"invoice\w*", r"salary", r"wage\w*", r"renew\w*",
                 r"extend\w*", r"extension", r"how long", r"follow up")

# Age: "45-årig", "45-åring", "45år", "kvinna 40 år", "hon är 45", "45 years old", "aged 45".
AGE = [re.compile(r" (\d{1,3}) ?(?:arig|aring|aringen|arige|ariga|ar gammal|ar gamla) "),
       re.compile(r" (?:kvinna|man|person|hen|han|hon|kille|tjej|klient|ungdom|pa) (\d{1,3}) ar "),
       re.compile(r" (?:ar|is) (\d{1,3})(?: ar)? (?!manad|man |vecka|veckor|kr|procent)"),
       re.compile(r" (\d{1,3})(?: |-)?(?:year|yr)s?(?: old)? "), re.compile(r" aged (\d{1,3}) "),
       re.compile(r" (\d{1,3})(?:ar|aring|arig) ")]

FEMALE = rx(r"kvinna", r"kvinnan", r"tjej", r"tjejen", r"hon", r"henne", r"hennes", r"mamma",
            r"mamman", r"flicka", r"woman", r"she", r"her", r"girl", r"mother", r"lady")
MALE = rx(r"mannen", r"kille", r"killen", r"han", r"honom", r"hans", r"pappa", r"pappan",
          r"pojke", r"he", r"him", r"his", r"boy", r"father", r"(?:en|ett) (?!om |som |att |och )"
          r"(?:\w+ )?man", r"\d{1,3} ?(?:arig|aring) man", r"a " + W + r"?man", r"old man",
          r"gammal man")

# A negation right before a fact ("uppbär inte", "utan", "inget", "har inte kontakt med"),
# allowing one verb between; further back it belongs to something else ("utan jobb med ...").
NEGATION = re.compile(r" (?:inget|ingen|inga|utan|inte|ej|no|not|without|never|aldrig)"
                      r"(?: (?:har|uppbar|far|fatt|nagot|nagon|haft|any|on|receive|receives|"
                      r"had|get|gets))?$")
NUMBER_WORDS = {"en": 1, "ett": 1, "one": 1, "a": 1, "tva": 2, "two": 2, "tre": 3, "three": 3,
                "fyra": 4, "four": 4, "fem": 5, "five": 5, "sex": 6, "six": 6, "sju": 7,
                "seven": 7, "atta": 8, "eight": 8, "nio": 9, "nine": 9, "tio": 10, "ten": 10,
                "elva": 11, "eleven": 11, "tolv": 12, "twelve": 12}
_N = r"(\d{1,2}|" + "|".join(NUMBER_WORDS) + ")"
DURATION = re.compile(r" " + _N + r" (manad|manader|manaden|manaderna|man|mans|month|months|"
                      r"vecka|veckor|veckan|week|weeks|ar|year|years) ")
HALF_YEAR = re.compile(r" (?:ett halvar|halvar|ett halvt ar|half a year|six months) ")
STABLE = rx(r"stabil\w*", r"nykter\w*", r"drogfri\w*", r"stable", r"stability", r"sober",
            r"clean", r"drug free")
SOBER = rx(r"nykter\w*", r"drogfri\w*", r"sober", r"clean", r"drug free")
ADDICTION = rx(r"missbruk\w*", r"beroende(?! pa)\w*", r"\w*beroende\w*", r"alkohol\w*",
               r"drog\w*", r"narkotik\w*", r"substance", r"addict\w*", r"alcohol\w*", r"drug\w*")
PSYCHIATRIC = rx(r"psykisk\w*", r"\w*psykiatri\w*", r"psychiatric", r"mental health",
                 r"mental illness")
INCOME_SUPPORT = rx(r"forsorjningsstod\w*", r"ekonomiskt bistand", r"socialbidrag\w*",
                    r"income support", r"social assistance", r"welfare")
SOCIAL_SERVICES = re.compile(
    r" (?:kontakt med|aktuell (?:inom|pa|hos|vid)|insats (?:fran|via|hos)|arende (?:pa|hos|inom)"
    r"|kand (?:pa|hos|inom|av)|contact with|known to|current at|a measure from)"
    r"(?: \w+){0,2}? (?:socialtjanst\w*|socialen|soc|socialforvaltning\w*|stadsdelsforvaltning\w*"
    r"|stadsdel\w*|sdf|socialsekreterare\w*|ifo|social services|social worker|"
    r"district administration) ")
PLACE = re.compile(r"\b(folkbokf[öo]rd|folkbokf[öo]r(?:t|de) sig|skriven|mantalsskriven|registered|"
                   r"bor|bosatt|boende|lives|living|resident)\s+(?:i|in)\s+([A-ZÅÄÖ][\w-]+|stan|staden|kommunen|"
                   r"här|har|vår kommun|var kommun|en annan kommun|another municipality)",
                   re.IGNORECASE)
# The asker's own workplace ("jag jobbar i Ragunda"): context, not the municipality asked about.
WORKPLACE = re.compile(r"\b(?:jag|vi|I|we)\s+(?:jobbar|arbetar|work)\s+(?:i|på|pa|in|at|for)\s+"
                       r"[A-ZÅÄÖ][\w-]+", re.IGNORECASE)

# Needs other support from social services than the measure gives ("behöver hjälp med boende
# från socialtjänsten", "needs other support from social services").
OTHER_SOCIAL_SUPPORT = re.compile(
    r" (?:behover|needs)(?: \w+){0,4}? (?:hjalp|stod|support|help)(?: \w+){0,4}? (?:fran|fr|from) "
    r"(?:socialtjanst\w*|socialen|soc|stadsdelsforvaltning\w*|sdf|ifo|social services) ")

NO_WORK_STATED = rx(r"varken (?:arbetar|jobbar|jobb|arbete) eller (?:studerar|pluggar|studier)",
                    r"neither works nor studies", r"not working or studying", r"neet")
NO_WORK_LOOSE = rx(r"arbetslos\w*", r"utan (?:arbete|jobb)", r"saknar (?:arbete|jobb)",
                   r"inte (?:arbetar|jobbar)", r"unemployed", r"out of work", r"no job")
HAS_WORK = rx(r"(?:har|fatt|fick) (?:ett |en )?(?:fast )?(?:jobb|arbete|anstallning|heltidsjobb)",
              r"arbetar heltid", r"jobbar heltid", r"studerar (?:pa|vid|heltid)",
              r"has a job", r"works full time", r"is studying")
COACHING = re.compile(r" (?:behover|behov av|needs?|in need of)(?: \w+){0,2}? (?:jobbcoach\w*|"
                      r"coachning|coaching|job coaching|vagledning) ")
AF = r"(?:af|arbetsformedlingen|employment service)"
AF_NOTHING = re.compile(r" " + AF + r" (?:har inte|har inget|kan inte|kunde inte|har inte kunnat"
                        r"|has not|had nothing|has nothing|could not|cannot)(?: \w+){0,3}? "
                        r"(?:erbjuda|lampligt|lamplig|atgard|offer|suitable) |"
                        r" inte kunnat erbjudas | not been offered ")
AF_OFFERED = re.compile(r" (?:fatt|har|fick|got|has|received)(?: \w+){0,3}? (?:atgard|insats|"
                        r"program|measure) (?:fran|via|hos|genom|from|by) " + AF + " |"
                        r" " + AF + r" har (?:erbjudit|gett) ")
SHORT_EDUCATION = rx(r"grundskola som hogsta", r"bara grundskola\w*", r"endast grundskola\w*",
                     r"ingen utbildning", r"kort utbildning", r"utan (?:gymnasie\w*|utbildning)",
                     r"saknar (?:gymnasie\w*|utbildning)", r"inte gatt (?:ut )?gymnasiet",
                     r"only (?:primary|compulsory) school", r"no (?:formal )?education",
                     r"(?:no|without) upper secondary")
LONG_EDUCATION = rx(r"\w*(?:universitets|hogskole|akademisk|gymnasie)(?:examen|utbildning)\w*",
                    r"har gymnasi\w*", r"gatt ut gymnasiet", r"(?:university|college) degree",
                    r"degree")
WEAK_SWEDISH = re.compile(r" (?:svag|svaga|dalig|daliga|bristande|lite|knapp|begransad|ingen|"
                          r"poor|weak|little|limited|no|basic)(?: \w+)? (?:svenska|"
                          r"svenskkunskap\w*|swedish) | (?:kan|talar|pratar) (?:inte|knappt|"
                          r"lite|dalig) svenska | does not speak swedish ")
GOOD_SWEDISH = re.compile(r" (?:bra|god|goda|flytande|utmarkt|fluent|good) (?:svenska|"
                          r"svenskkunskap\w*|swedish) | (?:talar|pratar) svenska (?:bra|"
                          r"flytande) ")
OUTSIDE_STATED = rx(r"aldrig (?:haft (?:ett |nagot )?(?:jobb|arbete)|jobbat|arbetat)",
                    r"langvarigt utanforskap", r"lange utanfor arbetsmarknaden",
                    r"saknar (?:helt )?etablering", r"never (?:worked|had a job)")
OUTSIDE_LOOSE = rx(r"langtidsarbetslos\w*", r"long term unemployed")
ABILITY_NOT = re.compile(r" (?:arbetsformaga\w*|work (?:ability|capacity))(?: \w+){0,2}? "
                         r"(?:inte|ej|not)(?: \w+)? (?:utredd|bedomd|assessed|investigated) |"
                         r" outredd arbetsformaga ")
ABILITY = re.compile(r" arbetsformaga\w*(?: \w+){0,2}? (?:utredd|bedomd|utretts|bedomts) |"
                     r" (?:utrett|bedomt) arbetsformaga\w* | work (?:ability|capacity)"
                     r"(?: \w+){0,2}? (?:assessed|investigated) ")
COORDINATED = rx(r"(?:behover|behov av|needs) samordnat stod", r"samordnat stod",
                 r"inte kan tillgodoses i ordinarie", r"coordinated support")
ORDINARY_ENOUGH = re.compile(r" (?:kan|gar att|can be) (?:tillgodoses|losas|losa|klaras|hanteras|"
                             r"met|handled)(?: \w+){0,2}? (?:i|inom|in|within|by) ordinar\w* ")
SELF_REFERRED = rx(r"(?:kommer|dyker upp|soker|hor av sig|hora av sig|tar kontakt|ta kontakt|"
                   r"vander sig|vanda sig)(?: \w+){0,2}?"
                   r" sjalv", r"sjalv (?:hora|hor|horde) av sig", r"pa eget initiativ",
                   r"ingen har (?:aktualiserat|hanvisat|remitterat|skickat)\w*",
                   r"inte aktualiserad", r"utan aktualisering",
                   r"utan att nagon (?:skickar|aktualiserar|remitterar)",
                   r"walks? in", r"on (?:his|her|their) own", r"self referr\w*",
                   r"nobody has referred")
REFERRED = {
    "arbetsformedlingen": re.compile(
        r" " + AF + r" (?:har )?(?:aktualiser\w*|remitter\w*|skickar|skickat|refers|referred) |"
        r" (?:aktualiser\w*|remitter\w*|referred) (?:via|av|fran|by) " + AF + " "),
    "star": re.compile(r" (?:via|av|fran|genom|by) star | star (?:har )?(?:aktualiser\w*|"
                       r"remitter\w*|refers|referred) "),
    "ifo": re.compile(r" (?:ifo|socialtjansten) (?:har )?(?:aktualiser\w*|remitter\w*|skickar|"
                      r"refers|referred) | (?:aktualiser\w*|remitter\w*|referred) (?:via|av|fran|"
                      r"by) (?:ifo|socialtjansten) "),
}
GROUP_WORDS = {
    "nyanland": rx(r"nyanland\w*", r"newly arrived", r"newcomer\w*", r"refugee\w*",
                   r"flykting\w*"),
    "korttidskontrakt": rx(r"korttidskontrakt\w*", r"short term (?:housing )?contract"),
    "lss": rx(r"lss"),
    "social_rehabilitering": rx(r"social rehabilitering", r"social rehabilitation"),
    "kommunalt_uppfoljningsansvar": rx(r"\w*uppfoljningsansvar\w*", r"kaa"),
    "arbetssokande_af": re.compile(r" (?:inskriven|arbetssokande|registrerad|registered)"
                                   r"(?: \w+)? (?:pa|hos|vid|med|with|at) " + AF + " "),
    "arbetssokande": rx(r"arbetssokande", r"arbetslos\w*", r"soker jobb", r"job ?seeker\w*",
                        r"unemployed", r"looking for (?:a )?(?:job|work)"),
}
STUDENT = rx(r"\w*student\w*", r"studerande", r"studerar")
HOLIDAY = rx(r"ferie\w*", r"sommar\w*", r"lov\w*", r"holiday\w*", r"summer")
YOUNG_IN_HOUSEHOLD = rx(r"hushall\w*", r"familj\w*", r"foraldrar\w*", r"household\w*",
                        r"family", r"parents")

"""Small word lists: Russian first names, English words that start sentences, title words.

Why a hand list of first names: English text gives no tag saying which capitalised word is a
first name, and the clustering must tell "Pavel Zhuravlev" (another person) from "Dmitrii
Zhuravlev". The Russian list is rendered through every romanisation scheme (see
`renderings.first_name_keys`), so one entry covers Dmitrii, Dmitry, Dmitriy and Dmitri.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A word list kept as wrapped prose, which is easier to read and extend."""
    return frozenset(text.split())


RUSSIAN_FIRST_NAMES = _words(
    """
    александр алексей анатолий андрей антон аркадий арсений артём артур борис вадим валентин
    валерий василий виктор виталий владимир владислав вячеслав геннадий георгий герман глеб
    григорий даниил денис дмитрий евгений егор емельян ефим захар иван игорь илья иннокентий
    иосиф кирилл константин лев леонид максим марат марк матвей михаил назар никита николай
    олег павел пётр платон роман ростислав руслан савелий семён сергей станислав степан
    тимофей тимур фёдор филипп эдуард эльдар юрий яков ярослав айдар ильдар ринат рустам
    тагир шамиль магомед ахмед рамзан зелимхан оюб
    александра алина алиса алла анастасия ангелина анна антонина валентина валерия вера
    вероника виктория галина дарья диана евгения екатерина елена елизавета жанна зинаида
    зоя инна ирина карина кира клавдия ксения лариса лидия любовь людмила маргарита марина
    мария надежда наталья наталия нина оксана олеся ольга полина раиса регина светлана
    софья софия тамара татьяна ульяна эльвира юлия яна лилия гульнара зарема
    """
)

ENGLISH_FIRST_NAMES = _words(
    """
    adam alan albert alice allison amanda amy andrew angela ann anne anthony barbara ben
    benjamin brian carol catherine charles chris christopher daniel david deborah donald
    edward elizabeth emily emma eric frank gary george hannah harry helen henry jack james
    jane jennifer jessica john jonathan joseph joshua julie karen kate katherine kevin laura
    linda lisa louise margaret mark martin mary matthew michael michelle nancy nicholas
    patrick paul peter philip rachel rebecca richard robert ruth ryan sarah scott simon
    stephen steven susan thomas timothy tom william
    """
)

TITLES = _words(
    """
    mr mrs ms miss dr judge lawyer prof professor president minister senator deputy
    colonel general major captain lieutenant sergeant father archpriest bishop
    """
)

# Capitalised at the start of a sentence, never a name. Checked after lower-casing.
COMMON_WORDS = _words(
    """
    a about above according across after afterwards again against ago all almost along
    already also although always among an and another any anyone anything apparently are
    as at authorities back be because been before being below besides between both but by
    can cannot could despite did do does during each earlier either even ever every
    everyone except few following for from further had has have having he her here hers
    him his how however i if in including inside instead into is it its just last later
    law lawyers let like many may me meanwhile might more moreover most much must my
    near neither never nevertheless next no nobody none nor not nothing now of off on once
    one only or other others otherwise our out over own per perhaps please prior read
    rather same several she should since so some someone something soon still such than
    that the their them then there therefore these they this those though three through
    thus to today together too two under unless until up upon us very was we were what
    whatever when where whereas whether which while who whom whose why will with within
    without would yes yet you your monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    main page news share add more write imprisoned biography organisation organization
    profile release immediate statement letters friends investigators prosecutors
    security officers parcels lawyer strict release we visits every five four six ten
    thirteen fourteen friends our my day week year years month months first second third
    """
)

# Words that make a capitalised sequence an organisation or an institution, not a person.
ORGANISATION_WORDS = _words(
    """
    academy agency assembly association bank board brotherhood bureau centre center
    chamber church club code college colony commission committee company council court
    department directorate district duma endowment federation foundation front fund group
    human rights institute international krai league ministry movement network news
    oblast office party police procedures prison project rapporteurs regional republic
    school service society special station union university watch world nations united
    federal penitentiary public oversight penal legal
    """
)

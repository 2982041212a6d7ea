package synth

// Word lists the generator draws from. They are data, kept apart from the code that combines
// them, and large enough that a corpus of 100,000 articles does not repeat the same few sentences.

var firstNames = []string{
	"Amina", "Bilal", "Carmen", "Dmitri", "Elena", "Farid", "Grace", "Hassan", "Ines", "Jamal",
	"Keiko", "Lars", "Maryam", "Nikolai", "Olga", "Pedro", "Qasim", "Rosa", "Samir", "Tomasz",
	"Ursula", "Victor", "Wen", "Ximena", "Yusuf", "Zainab", "Ahmad", "Beatriz", "Chen", "David",
	"Esther", "Fatima", "Gustavo", "Hana", "Ibrahim", "Julia", "Kwame", "Leila", "Mohammad", "Nadia",
}

var lastNames = []string{
	"Abbasi", "Bauer", "Castillo", "Demir", "Eriksen", "Fernandes", "Ghani", "Hoffmann", "Ibrahimi",
	"Jovanovic", "Karimi", "Lindqvist", "Mensah", "Novak", "Okafor", "Petrov", "Quraishi", "Rahimi",
	"Sato", "Taherian", "Usmani", "Varga", "Wojcik", "Xu", "Yilmaz", "Zaheer", "Atmar", "Brennan",
	"Costa", "Dubois", "Esposito", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen", "Kowalski",
}

var roles = []string{
	"foreign minister", "spokesperson", "special envoy", "governor", "mayor", "chief executive",
	"union leader", "ambassador", "health minister", "police chief", "central bank governor",
	"opposition leader", "defence minister", "prosecutor", "election commissioner", "party chair",
}

var orgs = []string{
	"the Foreign Ministry", "the United Nations", "the European Commission", "the World Bank",
	"the Red Cross", "the Health Ministry", "the central bank", "the electoral commission",
	"the national railway", "the port authority", "the Supreme Court", "the city council",
	"the African Union", "the teachers' union", "the state oil company", "the weather service",
	"the Interior Ministry", "the Finance Ministry", "the refugee agency", "the stock exchange",
}

var places = []string{
	"Kabul", "Tehran", "Lagos", "Lima", "Warsaw", "Jakarta", "Nairobi", "Quito", "Tbilisi", "Hanoi",
	"Dhaka", "Oslo", "Accra", "Manila", "Bogota", "Tunis", "Riga", "Cairo", "Santiago", "Ankara",
	"Herat", "Mazar-i-Sharif", "Kandahar", "Geneva", "Brussels", "Doha", "Islamabad", "Tashkent",
	"Montevideo", "Kampala", "Lusaka", "Vilnius", "Yerevan", "Baku", "Almaty", "Muscat", "Amman",
}

var topics = []string{
	"the ceasefire", "the new budget", "the election results", "the flood relief effort",
	"the trade agreement", "the border crossing", "the vaccine rollout", "the fuel price increase",
	"the rail strike", "the peace talks", "the mining licence", "the drought emergency",
	"the court ruling", "the refugee convoy", "the power outage", "the bridge collapse",
	"the currency reform", "the hospital expansion", "the wildfire season", "the airport reopening",
	"the water treaty", "the wheat harvest", "the data breach", "the pension reform",
}

// pastVerbs are things that happened: an event dated by the expression beside it.
var pastVerbs = []string{
	"announced", "signed", "rejected", "approved", "suspended", "criticised", "welcomed",
	"postponed", "defended", "proposed", "investigated", "opened", "closed", "questioned",
	"reviewed", "endorsed", "challenged", "finalised", "discussed", "confirmed",
}

// futureVerbs are plans: the date they carry lies after the publication date.
var futureVerbs = []string{
	"will present", "is expected to sign", "plans to announce", "will meet to discuss",
	"is due to vote on", "will review", "intends to reopen", "is scheduled to debate",
}

var headlineVerbs = []string{
	"backs", "rejects", "delays", "signs", "questions", "unveils", "suspends", "defends", "revives",
	"ends", "expands", "halts",
}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

var numberWords = []string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
	"nineteen", "twenty"}

var sources = []string{
	"Mehr News Agency", "Daily Courier", "The Northern Observer", "Radio Meridian", "Coastline Times",
	"The Evening Ledger", "Capital Wire", "Highland Herald",
}

var licenses = []string{
	"CC BY 4.0", "CC BY-SA 4.0", "All rights reserved", "Public domain",
}

// fillers are sentences with no date at all, the bulk of real news text.
var fillers = []string{
	"The decision drew criticism from several opposition groups.",
	"Officials did not respond to requests for comment.",
	"Analysts said the move could affect markets across the region.",
	"Residents described long queues at petrol stations and food markets.",
	"The ministry said the measures were temporary and would be reviewed.",
	"Human rights groups called for an independent investigation.",
	"Negotiators from both sides described the talks as constructive.",
	"The figures could not be independently verified.",
	"Prices for basic goods have risen sharply in the capital.",
	"Diplomats said further meetings were likely in the coming weeks.",
	"Local media reported heavy traffic near the border.",
	"The statement urged citizens to remain calm and follow official guidance.",
}

// undatedForms are sentences with no date: %[1]s a person, %[2]s the topic, %[3]s a place.
var undatedForms = []string{
	"%[1]s told reporters in %[3]s that %[2]s had been discussed at length.",
	"Critics of %[2]s say the government has ignored the concerns of residents in %[3]s.",
	"%[1]s declined to say whether %[2]s would go ahead as planned.",
	"Supporters of %[2]s gathered outside the offices of the ministry in %[3]s, chanting slogans.",
	"%[1]s has faced growing pressure over %[2]s from lawmakers and business groups alike.",
	"According to %[1]s, the cost of %[2]s has been underestimated by a wide margin.",
	"Several families in %[3]s said they had not been consulted about %[2]s.",
	"\"This is not the end of the matter,\" %[1]s said, referring to %[2]s.",
	"Opposition parties in %[3]s have promised to challenge %[2]s in parliament.",
	"%[1]s said the details of %[2]s would be published once negotiations were complete.",
	"Traders in %[3]s said uncertainty over %[2]s had already pushed up prices.",
	"The exact terms of %[2]s remain unclear, and %[1]s did not answer questions about them.",
	"Observers in %[3]s described %[2]s as the most significant change in a generation.",
	"%[1]s, speaking by telephone from %[3]s, called %[2]s a test of the government's credibility.",
	"Aid workers in %[3]s warned that %[2]s could disrupt deliveries to the most vulnerable.",
	"Local officials in %[3]s expressed cautious optimism about %[2]s.",
}

// Strings of the pages, Polish first, English as the switch. t('key', { n: 3 }) fills {n}.
const dictionary = {
  pl: {
    siteTitle: 'Głosowanie mieszkańców', skip: 'Przejdź do treści', switchLanguage: 'English', switchLanguageLang: 'en',
    home: 'Strona główna', loading: 'Wczytywanie…', notFound: 'Nie znaleziono.', error: 'Błąd: {message}',
    networkError: 'Brak połączenia z serwerem. Spróbuj ponownie.',
    openEditions: 'Edycje budżetu obywatelskiego', openInitiatives: 'Inicjatywy uchwałodawcze',
    noEditions: 'Brak edycji do pokazania.', noInitiatives: 'Brak inicjatyw do pokazania.',
    finishedEditions: 'Zakończone edycje', openById: 'Otwórz po identyfikatorze', editionId: 'Identyfikator edycji',
    initiativeId: 'Identyfikator inicjatywy', open: 'Otwórz',
    phase: 'Etap: {phase}',
    'phase.draft': 'projekt', 'phase.submission': 'zgłaszanie projektów', 'phase.verification': 'weryfikacja',
    'phase.appeals': 'odwołania', 'phase.voting': 'głosowanie', 'phase.closed': 'głosowanie zakończone', 'phase.final': 'wyniki ostateczne',
    votingWindow: 'Głosowanie od {from} do {to}', minAge: 'Głosować mogą osoby, które mają co najmniej {age} lat w dniu głosowania.',
    anyAge: 'Głosować może każdy mieszkaniec, bez względu na wiek.',
    ballotChange: 'Oddany głos można zmienić do końca głosowania.', noBallotChange: 'Oddanego głosu nie można zmienić.',
    districtPools: 'Możesz głosować w puli ogólnomiejskiej i w {n} puli dzielnicowej.',
    vote: 'Zagłosuj', results: 'Wyniki', propose: 'Zgłoś projekt', proposals: 'Zgłoszone projekty', turnout: 'Frekwencja: {n} głosów',
    pools: 'Zasady i pule', budget: 'Budżet: {amount}', cityPool: 'pula ogólnomiejska', districtPool: 'pula dzielnicowa',
    projects: 'Projekty', search: 'Szukaj projektu', district: 'Dzielnica', allDistricts: 'Wszystkie pule',
    maxCost: 'Koszt najwyżej (zł)', sort: 'Kolejność', sortTitle: 'alfabetycznie', sortCostAsc: 'od najtańszego', sortCostDesc: 'od najdroższego',
    cost: 'Koszt', title: 'Tytuł', noProjects: 'Żaden projekt nie pasuje do filtrów.', shown: 'Pokazano {n} z {total} projektów.',
    'rules.approval': 'Wybierz od {min} do {max} projektów.', 'rules.approvalNoMax': 'Wybierz co najmniej {min} projektów (bez górnego limitu).',
    'rules.costCap': 'Łączny koszt wybranych projektów nie może przekroczyć {amount}.',
    'rules.ordinal': 'Uszereguj od {min} do {max} projektów: pierwszy dostaje {points} punktów.',
    'rules.cumulative': 'Rozdaj od {min} do {max} punktów między projekty.', 'rules.perProject': 'Jeden projekt może dostać najwyżej {n} punktów.',
    'rules.knapsack': 'Wybierz projekty, których łączny koszt nie przekracza budżetu puli ({amount}).',
    'rules.minSpend': 'Wybrane projekty muszą razem kosztować co najmniej {amount} ({percent}% budżetu).',
    ballotTitle: 'Karta do głosowania: {name}', chooseDistrict: 'Twoja dzielnica', noDistrict: 'Nie głosuję w puli dzielnicowej',
    selected: 'Wybrano {n} z {max}.', selectedNoMax: 'Wybrano {n}.', costTotal: 'Łączny koszt: {amount} z {cap}.', costTotalNoCap: 'Łączny koszt: {amount}.',
    pointsTotal: 'Rozdano {n} z {max} punktów.', needMore: 'Wybierz jeszcze {n}.', needSpend: 'Do minimum brakuje {amount}.',
    limitReached: 'Osiągnięto limit tej puli.', doesNotFit: 'nie mieści się w limicie',
    add: 'Dodaj do rankingu', remove: 'Usuń', moveUp: 'W górę', moveDown: 'W dół', ranking: 'Twój ranking',
    rankHelp: 'Element rankingu: strzałki w górę i w dół zmieniają miejsce, Delete usuwa. Można też przeciągać myszą.',
    rankItem: 'Miejsce {rank}: {title}, {points} pkt', emptyRanking: 'Ranking jest pusty.', moved: '{title} na miejscu {rank}.',
    points: 'Punkty dla: {title}', pointsShort: 'pkt',
    identity: 'Potwierdź tożsamość', pesel: 'Numer PESEL', peselHelp: '11 cyfr. Numer nie jest zapisywany; służy tylko do sprawdzenia, że głosujesz raz.',
    email: 'Adres e-mail', sendCode: 'Wyślij kod', codeSent: 'Jeśli dane są poprawne, kod został wysłany na podany adres. Jest ważny 15 minut.',
    emailHelp: 'Na ten adres wyślemy jednorazowy kod.', emailInvalid: 'Podaj poprawny adres e-mail.',
    code: 'Kod z wiadomości e-mail', codeHelp: '6 cyfr, ważny 15 minut, do jednego głosu lub podpisu.', codeMissing: 'Wpisz kod z wiadomości e-mail (najpierw wyślij kod).',
    oidcSignIn: 'Zaloguj się (login.gov.pl)', oidcSignedIn: 'Zalogowano. Możesz wysłać kartę.',
    oidcMissing: 'Logowanie nie jest skonfigurowane na tym serwerze.',
    submitBallot: 'Wyślij głos', sending: 'Wysyłanie…', ballotErrors: 'Karta ma błędy. Popraw je i wyślij ponownie.',
    nothingPicked: 'Nie wybrano żadnego projektu.',
    receiptTitle: 'Głos został zapisany', receiptId: 'Numer potwierdzenia', castAt: 'Czas oddania głosu',
    checkReceipt: 'Sprawdź moje potwierdzenie', receiptStatus: 'Stan głosu: {status}',
    'status.counted': 'policzony', 'status.replaced': 'zastąpiony nowszym', 'status.invalidated': 'unieważniony',
    keepReceipt: 'Zachowaj ten numer: pozwala sprawdzić, że głos został policzony. Nie ujawnia Twoich wyborów.',
    resultsTitle: 'Wyniki: {name}', provisional: 'wyniki wstępne', final: 'wyniki ostateczne', ballotsCount: 'Liczba głosów: {n}',
    rank: 'Miejsce', votes: 'Głosy', score: 'Punkty', funded: 'Finansowanie', yes: 'tak', no: 'nie',
    spent: 'Przyznano {spent} z {budget}.', fundedLine: 'Linia finansowania: projekty powyżej mieszczą się w budżecie.',
    resultsHidden: 'Wyniki będą dostępne po zakończeniu głosowania.', chartLabel: 'Wykres głosów w puli {name}; te same liczby są w tabeli poniżej.',
    method: 'Metoda: {method}', 'method.greedy': 'zachłanna (od najwyższego wyniku)', 'method.equal-shares': 'równych udziałów',
    initiativeTitle: 'Inicjatywa: {title}', signatures: 'Podpisy: {n} z {threshold}', collectWindow: 'Zbieranie podpisów od {from} do {to}',
    'istatus.collecting': 'zbieranie podpisów', 'istatus.threshold-reached': 'próg osiągnięty', 'istatus.expired': 'termin minął', 'istatus.submitted': 'złożona',
    sign: 'Podpisz', signed: 'Podpis został zapisany. Numer potwierdzenia: {id}', signAge: 'Podpisać mogą osoby pełnoletnie.',
    proposeTitle: 'Zgłoś projekt: {name}', pool: 'Pula', proposalTitle: 'Tytuł projektu', description: 'Opis',
    costEstimate: 'Szacowany koszt (zł)', location: 'Lokalizacja (opcjonalnie)', category: 'Kategoria (opcjonalnie)',
    submitProposal: 'Zgłoś', proposalCreated: 'Projekt zgłoszony. Numer: {id}.', proposalLink: 'Strona projektu',
    proposal: 'Projekt {id}', supporters: 'Poparcie: {n} osób', history: 'Historia', support: 'Popieram ten projekt',
    supported: 'Poparcie zapisane. Projekt ma teraz {n} osób popierających.', verifiedCost: 'Koszt po weryfikacji',
    'pstatus.collecting-support': 'zbiera poparcie', 'pstatus.submitted': 'zgłoszony', 'pstatus.accepted': 'zaakceptowany',
    'pstatus.rejected': 'odrzucony', 'pstatus.appealed': 'odwołanie', 'pstatus.accepted-on-appeal': 'zaakceptowany po odwołaniu',
    'pstatus.rejected-final': 'odrzucony ostatecznie', 'pstatus.withdrawn': 'wycofany',
    noProposals: 'Brak zgłoszonych projektów.', required: 'To pole jest wymagane.',
    backToEdition: 'Wróć do edycji', authorOnly: 'Dla autora projektu', withdraw: 'Wycofaj projekt', withdrawn: 'Projekt wycofany.',
    appeal: 'Złóż odwołanie', appealReason: 'Uzasadnienie odwołania', appealed: 'Odwołanie złożone.',
    'problem.identity-required': 'Nie udało się potwierdzić tożsamości: kod jest błędny, wygasł lub został już użyty (albo trzeba się zalogować). Nic nie zostało zapisane.',
    'problem.invalid-pesel': 'Numer PESEL jest niepoprawny. Nic nie zostało zapisane.',
    'problem.already-voted': 'Głos tej osoby w tej edycji jest już zapisany.',
    'problem.voting-not-open': 'Głosowanie nie jest teraz otwarte. Nic nie zostało zapisane.',
    'problem.phase-closed': 'Ten etap jest już zamknięty. Nic nie zostało zapisane.',
    'problem.rate-limited': 'Zbyt wiele prób. Spróbuj ponownie za chwilę. Nic nie zostało zapisane.',
    'problem.unavailable': 'Usługa jest chwilowo niedostępna. Nic nie zostało zapisane; spróbuj ponownie.',
    'problem.outcome-unknown': 'Nie wiadomo, czy zgłoszenie zostało zapisane. Wyślij je ponownie: nie zostanie policzone dwa razy.',
  },
  en: {
    siteTitle: 'Residents\' vote', skip: 'Skip to content', switchLanguage: 'Polski', switchLanguageLang: 'pl',
    home: 'Home', loading: 'Loading…', notFound: 'Not found.', error: 'Error: {message}',
    networkError: 'The server cannot be reached. Please try again.',
    openEditions: 'Participatory budget editions', openInitiatives: 'Citizen initiatives',
    noEditions: 'No editions to show.', noInitiatives: 'No initiatives to show.',
    finishedEditions: 'Finished editions', openById: 'Open by id', editionId: 'Edition id',
    initiativeId: 'Initiative id', open: 'Open',
    phase: 'Phase: {phase}',
    'phase.draft': 'draft', 'phase.submission': 'project submission', 'phase.verification': 'verification',
    'phase.appeals': 'appeals', 'phase.voting': 'voting', 'phase.closed': 'voting closed', 'phase.final': 'final results',
    votingWindow: 'Voting from {from} to {to}', minAge: 'You may vote if you are at least {age} on voting day.',
    anyAge: 'Every resident may vote, whatever their age.',
    ballotChange: 'You may change your ballot until voting closes.', noBallotChange: 'A cast ballot cannot be changed.',
    districtPools: 'You may vote in the city pool and in {n} district pool.',
    vote: 'Vote', results: 'Results', propose: 'Propose a project', proposals: 'Proposed projects', turnout: 'Turnout: {n} ballots',
    pools: 'Rules and pools', budget: 'Budget: {amount}', cityPool: 'city pool', districtPool: 'district pool',
    projects: 'Projects', search: 'Search projects', district: 'District', allDistricts: 'All pools',
    maxCost: 'Cost at most (PLN)', sort: 'Order', sortTitle: 'by title', sortCostAsc: 'cheapest first', sortCostDesc: 'most expensive first',
    cost: 'Cost', title: 'Title', noProjects: 'No project matches the filters.', shown: 'Showing {n} of {total} projects.',
    'rules.approval': 'Pick {min} to {max} projects.', 'rules.approvalNoMax': 'Pick at least {min} projects (no upper limit).',
    'rules.costCap': 'The picked projects may cost at most {amount} together.',
    'rules.ordinal': 'Rank {min} to {max} projects: the first gets {points} points.',
    'rules.cumulative': 'Give {min} to {max} points to projects.', 'rules.perProject': 'One project may get at most {n} points.',
    'rules.knapsack': 'Pick projects whose total cost fits the pool budget ({amount}).',
    'rules.minSpend': 'The picked projects must cost at least {amount} together ({percent}% of the budget).',
    ballotTitle: 'Ballot: {name}', chooseDistrict: 'Your district', noDistrict: 'I do not vote in a district pool',
    selected: '{n} of {max} picked.', selectedNoMax: '{n} picked.', costTotal: 'Total cost: {amount} of {cap}.', costTotalNoCap: 'Total cost: {amount}.',
    pointsTotal: '{n} of {max} points given.', needMore: 'Pick {n} more.', needSpend: '{amount} short of the minimum.',
    limitReached: 'This pool\'s limit is reached.', doesNotFit: 'does not fit the limit',
    add: 'Add to ranking', remove: 'Remove', moveUp: 'Up', moveDown: 'Down', ranking: 'Your ranking',
    rankHelp: 'On a ranking item: arrow up and down move it, Delete removes it. Dragging with the mouse works too.',
    rankItem: 'Place {rank}: {title}, {points} points', emptyRanking: 'The ranking is empty.', moved: '{title} is now at place {rank}.',
    points: 'Points for: {title}', pointsShort: 'pts',
    identity: 'Confirm who you are', pesel: 'PESEL number', peselHelp: '11 digits. It is not stored; it only ensures that you vote once.',
    email: 'E-mail address', sendCode: 'Send code', codeSent: 'If the details are right, a code was sent to that address. It is valid for 15 minutes.',
    emailHelp: 'We send a one-time code to this address.', emailInvalid: 'Enter a valid e-mail address.',
    code: 'Code from the e-mail', codeHelp: '6 digits, valid for 15 minutes, for one vote or signature.', codeMissing: 'Type the code from the e-mail (send the code first).',
    oidcSignIn: 'Sign in (login.gov.pl)', oidcSignedIn: 'Signed in. You may send the ballot.',
    oidcMissing: 'Sign-in is not configured on this server.',
    submitBallot: 'Send ballot', sending: 'Sending…', ballotErrors: 'The ballot has errors. Correct them and send again.',
    nothingPicked: 'No project is picked.',
    receiptTitle: 'Your ballot is recorded', receiptId: 'Receipt number', castAt: 'Cast at',
    checkReceipt: 'Check my receipt', receiptStatus: 'Ballot status: {status}',
    'status.counted': 'counted', 'status.replaced': 'replaced by a newer one', 'status.invalidated': 'invalidated',
    keepReceipt: 'Keep this number: it lets you check that your ballot was counted. It does not reveal your choices.',
    resultsTitle: 'Results: {name}', provisional: 'provisional results', final: 'final results', ballotsCount: 'Ballots: {n}',
    rank: 'Rank', votes: 'Votes', score: 'Score', funded: 'Funded', yes: 'yes', no: 'no',
    spent: '{spent} of {budget} awarded.', fundedLine: 'Funding line: the projects above it fit the budget.',
    resultsHidden: 'Results are shown after voting closes.', chartLabel: 'Chart of votes in pool {name}; the same numbers are in the table below.',
    method: 'Method: {method}', 'method.greedy': 'greedy (highest score first)', 'method.equal-shares': 'equal shares',
    initiativeTitle: 'Initiative: {title}', signatures: 'Signatures: {n} of {threshold}', collectWindow: 'Collecting signatures from {from} to {to}',
    'istatus.collecting': 'collecting signatures', 'istatus.threshold-reached': 'threshold reached', 'istatus.expired': 'expired', 'istatus.submitted': 'submitted',
    sign: 'Sign', signed: 'Your signature is recorded. Receipt number: {id}', signAge: 'Adults may sign.',
    proposeTitle: 'Propose a project: {name}', pool: 'Pool', proposalTitle: 'Project title', description: 'Description',
    costEstimate: 'Estimated cost (PLN)', location: 'Location (optional)', category: 'Category (optional)',
    submitProposal: 'Submit', proposalCreated: 'Project submitted. Number: {id}.', proposalLink: 'Project page',
    proposal: 'Project {id}', supporters: 'Supporters: {n}', history: 'History', support: 'I support this project',
    supported: 'Your support is recorded. The project now has {n} supporters.', verifiedCost: 'Verified cost',
    'pstatus.collecting-support': 'collecting support', 'pstatus.submitted': 'submitted', 'pstatus.accepted': 'accepted',
    'pstatus.rejected': 'rejected', 'pstatus.appealed': 'appealed', 'pstatus.accepted-on-appeal': 'accepted on appeal',
    'pstatus.rejected-final': 'finally rejected', 'pstatus.withdrawn': 'withdrawn',
    noProposals: 'No projects proposed yet.', required: 'This field is required.',
    backToEdition: 'Back to the edition', authorOnly: 'For the project\'s author', withdraw: 'Withdraw the project', withdrawn: 'Project withdrawn.',
    appeal: 'Appeal', appealReason: 'Reasons for the appeal', appealed: 'Appeal filed.',
    'problem.identity-required': 'Your identity could not be confirmed: the code is wrong, expired or already used (or you need to sign in). Nothing was recorded.',
    'problem.invalid-pesel': 'The PESEL number is not valid. Nothing was recorded.',
    'problem.already-voted': 'A ballot of this person is already recorded in this edition.',
    'problem.voting-not-open': 'Voting is not open now. Nothing was recorded.',
    'problem.phase-closed': 'This stage is closed. Nothing was recorded.',
    'problem.rate-limited': 'Too many attempts. Try again in a moment. Nothing was recorded.',
    'problem.unavailable': 'The service is unavailable for a moment. Nothing was recorded; try again.',
    'problem.outcome-unknown': 'It is not known whether your request was recorded. Send it again: it will not be counted twice.',
  },
};

const stored = (() => { try { return localStorage.getItem('lang'); } catch { return null; } })();
let language = stored === 'en' ? 'en' : 'pl';

export function lang() { return language; }

export function setLang(value) {
  language = value === 'en' ? 'en' : 'pl';
  try { localStorage.setItem('lang', language); } catch { /* private mode */ }
  document.documentElement.lang = language;
}

export function t(key, params = {}) {
  const text = dictionary[language][key] ?? dictionary.pl[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** Whole złoty, as the API counts money. */
export function money(amount) {
  return new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { style: 'currency', currency: 'PLN', maximumFractionDigits: 0 }).format(amount);
}

export function number(value) {
  return new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB').format(value);
}

export function dateTime(iso) {
  return new Intl.DateTimeFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** Extra strings for a page (the clerk console keeps its own). */
export function extend(more) {
  for (const [code, strings] of Object.entries(more)) {
    Object.assign(dictionary[code], strings);
  }
}

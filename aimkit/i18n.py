"""Dutch and English: the apps' texts, the course's language, and Flemish number formats.

Every text a workshop participant reads in an app lives in :data:`STRINGS`, under one key with
a Dutch and an English version, so a trainer can correct a word in one place and the two
languages cannot drift apart: :func:`problems` lists keys that miss a language or whose
``{placeholders}`` differ between the languages (a test keeps that list empty).

Examples
--------
>>> from aimkit import i18n
>>> i18n.text("next")
'Volgende'
>>> i18n.text("step_of", "en", step=2, steps=8)
'Step 2 of 8'

The notebooks speak one language at a time, English unless a notebook's Setup says
:func:`use_language` ("nl": the Dutch edition) or the environment variable ``AIMKIT_LANGUAGE``
is set; exercise feedback and the labels :mod:`aimkit.plots` draws follow it (:func:`say`).

>>> use_language("nl"); say({"en": "{n:,} customers", "nl": "{n:,} klanten"}, n=1234)
'1.234 klanten'
>>> use_language("en")

Used in: the Voila apps, through :mod:`aimkit.apps`; every notebook, through
:mod:`aimkit.exercises` and :mod:`aimkit.plots`; notebooks/04_aim3_data_maturity_and_quality.ipynb
and notebooks/99_for_trainers.ipynb (the maturity model in the course's language).
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}

STRINGS: dict[str, dict[str, str]] = {
    # shared
    "language": {"nl": "Taal", "en": "Language"},
    "busy": {"nl": "Even geduld, ik reken…", "en": "One moment, calculating…"},
    "unexpected_error": {
        "nl": "Er ging iets mis ({error}). Je invoer is bewaard: probeer het opnieuw of kies "
              "andere instellingen.",
        "en": "Something went wrong ({error}). Your input is kept: try again or choose other "
              "settings."},
    "download": {"nl": "Download {what}", "en": "Download {what}"},
    # data-maturity scan
    "scan_title": {"nl": "Datamaturiteitsscan", "en": "Data-maturity scan"},
    "scan_intro": {
        "nl": "Vertel eerst kort wie je bent; daarna beantwoord je per stap de vragen over één "
              "dimensie. Kies telkens het antwoord dat het best bij je bedrijf past, of 'weet ik "
              "niet'. Op het einde zie je waar je staat, wat je volgende stappen zijn en welke "
              "cases op jou lijken.",
        "en": "First tell briefly who you are; then each step asks about one dimension. Pick "
              "the answer that fits your company best, or 'don't know'. At the end you see where "
              "you stand, your next steps and which cases are like you."},
    "company_step": {"nl": "Over je bedrijf", "en": "About your company"},
    "profile_intro": {
        "nl": "Met je sector en grootte zoekt de scan cases die echt op jouw bedrijf lijken. "
              "Alles op deze stap is optioneel.",
        "en": "Your sector and size let the scan find cases that really resemble your company. "
              "Everything on this step is optional."},
    "company": {"nl": "Bedrijf", "en": "Company"},
    "company_placeholder": {"nl": "naam van je bedrijf (optioneel)",
                            "en": "your company's name (optional)"},
    "sector": {"nl": "Sector", "en": "Sector"},
    "size": {"nl": "Grootte", "en": "Size"},
    "choose": {"nl": "— kies —", "en": "— choose —"},
    "start": {"nl": "Start de vragen", "en": "Start the questions"},
    "step_of": {"nl": "Stap {step} van {steps}", "en": "Step {step} of {steps}"},
    "answered_of": {"nl": "{answered} van {questions} vragen beantwoord",
                    "en": "{answered} of {questions} questions answered"},
    "unknown_count": {"nl": "(waarvan {unknown} 'weet ik niet')",
                      "en": "({unknown} of them 'don't know')"},
    "jargon": {"nl": "Wat betekent: {terms}?", "en": "What does it mean: {terms}?"},
    "back": {"nl": "Vorige", "en": "Back"},
    "next": {"nl": "Volgende", "en": "Next"},
    "show_results": {"nl": "Toon mijn resultaat", "en": "Show my result"},
    "to_questions": {"nl": "Terug naar de vragen", "en": "Back to the questions"},
    "start_over": {"nl": "Begin opnieuw", "en": "Start over"},
    "no_answers": {"nl": "Beantwoord minstens één vraag om een resultaat te zien.",
                   "en": "Answer at least one question to see a result."},
    "restored": {"nl": "Je antwoorden van daarnet zijn teruggezet ({count} vragen).",
                 "en": "Your earlier answers are back ({count} questions)."},
    "results_title": {"nl": "Jouw resultaat", "en": "Your result"},
    "stage_line": {"nl": "Stadium {number} van {stages}: {name}",
                   "en": "Stage {number} of {stages}: {name}"},
    "provisional": {"nl": "voorlopig", "en": "provisional"},
    "overall_line": {"nl": "Totaalscore {score} op {top}",
                     "en": "Overall score {score} out of {top}"},
    "per_dimension": {"nl": "Niveau per dimensie", "en": "Level per dimension"},
    "col_dimension": {"nl": "Dimensie", "en": "Dimension"},
    "col_level": {"nl": "Niveau", "en": "Level"},
    "col_explanation": {"nl": "Wat betekent dit?", "en": "What does it mean?"},
    "level_cell": {"nl": "{level} · {name} (score {score})",
                   "en": "{level} · {name} (score {score})"},
    "not_answered": {"nl": "geen antwoord", "en": "no answer"},
    "next_steps": {"nl": "Je drie volgende stappen", "en": "Your next three steps"},
    "similar_title": {"nl": "Bedrijven zoals jij", "en": "Companies like you"},
    "similar_intro": {"nl": "Deze cases uit het e-book lijken het meest op jouw scores. Klik "
                            "op een case om te lezen wat zij met hun data deden.",
                      "en": "These e-book cases are closest to your scores. Click a case to "
                            "read what they did with their data."},
    "similar_intro_profile": {
        "nl": "Deze cases uit het e-book lijken het meest op jou: eerst op je scores, dan op "
              "sector en grootte. Klik op een case om te lezen wat zij met hun data deden.",
        "en": "These e-book cases are most like you: first by your scores, then by sector and "
              "size. Click a case to read what they did with their data."},
    "similar_line": {"nl": "{name} ({sector}), stadium {stage}",
                     "en": "{name} ({sector}), stage {stage}"},
    "open_case": {"nl": "lees de case", "en": "read the case"},
    "open_notebook": {"nl": "Open de notebook van deze case (Binder, nieuw tabblad)",
                      "en": "Open this case's notebook (Binder, new tab)"},
    "report_what": {"nl": "rapport (HTML)", "en": "report (HTML)"},
    "answers_what": {"nl": "antwoorden (JSON)", "en": "answers (JSON)"},
    "load_answers": {"nl": "Laad antwoorden (JSON)", "en": "Load answers (JSON)"},
    "save_hint": {"nl": "Je antwoorden blijven in deze browser bewaard, ook als je de pagina "
                        "herlaadt. Download ze om de scan op een ander toestel verder te zetten "
                        "of later te herhalen.",
                  "en": "Your answers stay in this browser, also when you reload the page. "
                        "Download them to continue on another device or repeat the scan "
                        "later."},
    "loaded": {"nl": "Antwoorden geladen uit {file}.", "en": "Answers loaded from {file}."},
    "load_failed": {"nl": "Dit bestand kon ik niet laden: {reason}",
                    "en": "I could not load this file: {reason}"},
    "answers_unknown_choice": {
        "nl": "{source}: {value} is geen van de keuzes ({choices})",
        "en": "{source}: {value} is not one of the choices ({choices})"},
    "answers_none": {"nl": "{source}: er is nog geen vraag beantwoord",
                     "en": "{source}: no question is answered yet"},
    "answers_bad_unknown": {
        "nl": "{source}: 'unknown' moet een lijst zijn van vraag-id's zonder antwoordniveau",
        "en": "{source}: 'unknown' must be a list of question ids without an answer level"},
    # trainer's view of the room (the participants' saved scans)
    "room_title": {"nl": "De groep in één beeld", "en": "The room at a glance"},
    "room_intro": {
        "nl": "Laad de bewaarde antwoorden (JSON) van de deelnemers, meerdere bestanden tegelijk. "
              "Je ziet de spreiding per dimensie, de stadia en welke cases bij de groep passen. "
              "Bedrijfsnamen worden nooit getoond.",
        "en": "Load the participants' saved answers (JSON), several files at once. You see the "
              "spread per dimension, the stages and which cases fit the room. Company names are "
              "never shown."},
    "room_load": {"nl": "Laad antwoordbestanden", "en": "Load answer files"},
    "room_need_files": {"nl": "Laad eerst de antwoordbestanden van de deelnemers.",
                        "en": "First load the participants' answer files."},
    "room_count": {"nl": "Scans in de groep: {count}.", "en": "Scans in the room: {count}."},
    "room_skipped": {"nl": "{count} bestand(en) overgeslagen:",
                     "en": "{count} file(s) skipped:"},
    "room_spread_title": {"nl": "Spreiding per dimensie", "en": "Spread per dimension"},
    "room_spread_intro": {
        "nl": "Elke stip is één deelnemer (score 1 = afwezig … 5 = datagedreven); het streepje "
              "is de mediaan. n = hoeveel deelnemers de dimensie beantwoordden.",
        "en": "Each dot is one participant (score 1 = absent … 5 = data-driven); the bar is the "
              "median. n = how many participants answered the dimension."},
    "room_stages_title": {"nl": "Stadia in de groep", "en": "Stages in the room"},
    "room_no_stage": {"nl": "nog geen stadium (te weinig antwoorden)",
                      "en": "no stage yet (too few answers)"},
    "room_cases_title": {"nl": "Cases die bij de groep passen", "en": "Cases that fit the room"},
    "room_cases_intro": {
        "nl": "Hoe vaak elke case bij de drie 'bedrijven zoals jij' van een deelnemer hoort. "
              "Demonstreer de bovenste.",
        "en": "How often each case is among a participant's three 'companies like you'. Demo "
              "the top one."},
    "col_case": {"nl": "Case", "en": "Case"},
    "col_participants": {"nl": "Deelnemers", "en": "Participants"},
    "col_stage": {"nl": "Stadium", "en": "Stage"},
    # segment explorer
    "explorer_title": {"nl": "Segmentverkenner", "en": "Segment explorer"},
    "explorer_intro": {
        "nl": "Deel je klanten op in segmenten op basis van hun aankopen: hoe recent, hoe vaak "
              "en voor hoeveel ze kopen (RFM). Kies een voorbeelddataset of laad je eigen "
              "export met transacties.",
        "en": "Split your customers into segments by how they buy: how recently, how often "
              "and for how much (RFM). Pick an example dataset or load your own export of "
              "transactions."},
    "tab_data": {"nl": "1 · Data", "en": "1 · Data"},
    "tab_segments": {"nl": "2 · Segmenten", "en": "2 · Segments"},
    "tab_periods": {"nl": "3 · Periodes", "en": "3 · Periods"},
    "tab_export": {"nl": "4 · Export", "en": "4 · Export"},
    "example_data": {"nl": "Voorbeelddata", "en": "Example data"},
    "choose_example": {"nl": "— kies een case —", "en": "— choose a case —"},
    "or_upload": {"nl": "of laad je eigen CSV met transacties (één regel per aankoop):",
                  "en": "or load your own CSV of transactions (one line per purchase):"},
    "upload_csv": {"nl": "Laad CSV", "en": "Load CSV"},
    "need_data": {"nl": "Kies eerst een voorbeelddataset of laad je eigen CSV (tab 1).",
                  "en": "First pick an example dataset or load your own CSV (tab 1)."},
    "mapping_title": {"nl": "Welke kolom is wat?", "en": "Which column is which?"},
    "mapping_intro": {"nl": "De kolomnamen van {file} zijn anders dan verwacht. Duid aan welke "
                            "kolom de klant, de bestelling, de datum en het bedrag bevat.",
                      "en": "The column names of {file} differ from what I expect. Point out "
                            "which column holds the customer, the order, the date and the "
                            "amount."},
    "field_customer_id": {"nl": "Klant", "en": "Customer"},
    "field_order_id": {"nl": "Bestelling", "en": "Order"},
    "field_order_date": {"nl": "Datum", "en": "Date"},
    "field_amount": {"nl": "Bedrag", "en": "Amount"},
    "use_columns": {"nl": "Gebruik deze kolommen", "en": "Use these columns"},
    "same_column": {"nl": "Kies voor elk veld een andere kolom.",
                    "en": "Choose a different column for each field."},
    "file_problem": {"nl": "Dit bestand kan ik (nog) niet gebruiken. Pas de export aan en laad "
                           "hem opnieuw:",
                     "en": "I cannot use this file (yet). Fix the export and load it again:"},
    "loaded_data": {"nl": "{file}: {lines} regels, {customers} klanten, van {first} tot {last}.",
                    "en": "{file}: {lines} lines, {customers} customers, from {first} to {last}."},
    "dropped_lines": {"nl": "{count} regels zonder klantnummer tellen niet mee.",
                      "en": "{count} lines without a customer number are left out."},
    "method": {"nl": "Methode", "en": "Method"},
    "method_rfm": {"nl": "RFM-segmenten", "en": "RFM segments"},
    "method_kmeans": {"nl": "Clustering (KMeans)", "en": "Clustering (KMeans)"},
    "k": {"nl": "Aantal segmenten k", "en": "Number of segments k"},
    "features": {"nl": "Kenmerken", "en": "Features"},
    "need_feature": {"nl": "Kies minstens één kenmerk.", "en": "Choose at least one feature."},
    "feature_recency": {"nl": "recentheid (dagen)", "en": "recency (days)"},
    "feature_frequency": {"nl": "frequentie (bestellingen)", "en": "frequency (orders)"},
    "feature_monetary": {"nl": "bedrag (€)", "en": "monetary (€)"},
    "feature_tenure": {"nl": "klant sinds (dagen)", "en": "tenure (days)"},
    "sizes_title": {"nl": "Grootte van de segmenten", "en": "Segment sizes"},
    "profile_title": {"nl": "Profiel per segment (gemiddelden)",
                      "en": "Profile per segment (means)"},
    "col_segment": {"nl": "Segment", "en": "Segment"},
    "col_customers": {"nl": "Klanten", "en": "Customers"},
    "col_share": {"nl": "Aandeel", "en": "Share"},
    "treemap_title": {"nl": "Klanten per segment", "en": "Customers per segment"},
    "scatter_title": {"nl": "Recentheid en bedrag per klant",
                      "en": "Recency and spend per customer"},
    "scatter_sample": {"nl": "een steekproef van {shown} van de {total} klanten",
                       "en": "a sample of {shown} of the {total} customers"},
    "axis_recency": {"nl": "dagen sinds laatste aankoop", "en": "days since last purchase"},
    "axis_monetary": {"nl": "totaal bedrag (€, log-schaal)", "en": "total spend (€, log scale)"},
    "periods_intro": {
        "nl": "Vergelijk het koopgedrag in de laatste periode met de periode ervoor: wie bleef "
              "trouw, wie groeide, wie heeft aandacht nodig en wie valt in slaap?",
        "en": "Compare buying behaviour in the latest period with the period before: who "
              "stayed loyal, who grew, who needs attention and who is falling asleep?"},
    "months": {"nl": "Maanden per periode", "en": "Months per period"},
    "compare": {"nl": "Vergelijk", "en": "Compare"},
    "periods_line": {"nl": "Basisperiode {b_start} – {b_end}; huidige periode {c_start} – {c_end}.",
                     "en": "Baseline {b_start} – {b_end}; current period {c_start} – {c_end}."},
    "too_short": {"nl": "De data beslaan {days} dagen: te kort voor twee periodes van {months} "
                        "maanden. Kies minder maanden.",
                  "en": "The data cover {days} days: too short for two periods of {months} "
                        "months. Choose fewer months."},
    "groups_title": {"nl": "Gedragsgroepen", "en": "Behaviour groups"},
    "col_group": {"nl": "Groep", "en": "Group"},
    "col_priority": {"nl": "Prioriteit", "en": "Priority"},
    "transitions_title": {"nl": "Verschuivingen tussen segmenten",
                          "en": "Moves between segments"},
    "export_intro": {
        "nl": "Exporteer de gekozen segmenten als CSV voor je mailingtool. Klantnummers worden "
              "standaard gepseudonimiseerd en cellen die een rekenblad als formule zou lezen, "
              "worden onschadelijk gemaakt.",
        "en": "Export the chosen segments as CSV for your mailing tool. Customer numbers are "
              "pseudonymised by default and cells a spreadsheet would run as a formula are "
              "neutralised."},
    "segments_to_export": {"nl": "Segmenten", "en": "Segments"},
    "pseudonymise": {"nl": "Pseudonimiseer klantnummers", "en": "Pseudonymise customer numbers"},
    "make_csv": {"nl": "Maak CSV", "en": "Make CSV"},
    "export_ready": {"nl": "{customers} klanten in {segments} segmenten.",
                     "en": "{customers} customers in {segments} segments."},
    "export_real_ids": {"nl": "Let op: dit bestand bevat echte klantnummers. Deel het enkel met "
                              "wie ze mag zien.",
                        "en": "Careful: this file holds real customer numbers. Share it only "
                              "with people allowed to see them."},
    "csv_what": {"nl": "segmenten (CSV)", "en": "segments (CSV)"},
    "choose_segments": {"nl": "Kies minstens één segment.", "en": "Choose at least one segment."},
    # segment explorer: recognised exports, the mapping step, what was left out
    "recognised_as": {"nl": "Herkend als {preset}-export.",
                      "en": "Recognised as a {preset} export."},
    "excluded_orders": {"nl": "{count} bestellingen niet meegeteld: {reasons}.",
                        "en": "{count} orders left out: {reasons}."},
    "excluded_refunded": {"nl": "{count} terugbetaald", "en": "{count} refunded"},
    "excluded_cancelled": {"nl": "{count} geannuleerd", "en": "{count} cancelled"},
    "excluded_failed": {"nl": "{count} mislukt", "en": "{count} failed"},
    "total_rows_skipped": {"nl": "{count} totaalrij(en) onderaan overgeslagen.",
                           "en": "{count} total row(s) at the bottom skipped."},
    "preview_title": {"nl": "De eerste vijf rijen van {file}",
                      "en": "The first five rows of {file}"},
    "choose_column": {"nl": "— kies een kolom —", "en": "— choose a column —"},
    "unsure": {"nl": "⚠ niet zeker: kies zelf", "en": "⚠ not sure: please choose"},
    "decimal_question": {
        "nl": "In {file} kan ik een bedrag als {text} op twee manieren lezen. Wat bedoelt je "
              "export?",
        "en": "In {file} an amount like {text} can be read two ways. What does your export "
              "mean?"},
    "decimal_comma": {"nl": "{text} = {comma} (komma voor decimalen)",
                      "en": "{text} = {comma} (decimal comma)"},
    "decimal_point": {"nl": "{text} = {point} (punt voor decimalen)",
                      "en": "{text} = {point} (decimal point)"},
    "missing_fields": {"nl": "Kies een kolom voor: {fields}.",
                       "en": "Choose a column for: {fields}."},
    # segment explorer: segment cards
    "cards_title": {"nl": "Wat betekent elk segment?", "en": "What does each segment mean?"},
    "card_share": {"nl": "{customers} klanten ({share} van je klanten) · {revenue} van de omzet",
                   "en": "{customers} customers ({share} of your customers) · {revenue} of "
                         "revenue"},
    "card_profile": {"nl": "Laatste aankoop gemiddeld {ago} geleden, {orders} bestellingen, "
                           "{spend} in totaal per klant.",
                     "en": "Last purchase on average {ago} ago, {orders} orders, {spend} in "
                           "total per customer."},
    "days": {"nl": "{count} dagen", "en": "{count} days"},
    "months_ago": {"nl": "{count} maanden", "en": "{count} months"},
    "suggested_action": {"nl": "Voorstel", "en": "Suggestion"},
    "seg_champions": {"nl": "Kampioenen", "en": "Champions"},
    "seg_loyal_customers": {"nl": "Trouwe klanten", "en": "Loyal Customers"},
    "seg_potential_loyalists": {"nl": "Beloftevolle vaste klanten",
                                "en": "Potential Loyalists"},
    "seg_new_customers": {"nl": "Nieuwe klanten", "en": "New Customers"},
    "seg_promising": {"nl": "Veelbelovend", "en": "Promising"},
    "seg_need_attention": {"nl": "Aandacht nodig", "en": "Need Attention"},
    "seg_about_to_sleep": {"nl": "Bijna slapers", "en": "About To Sleep"},
    "seg_at_risk": {"nl": "Risicoklanten", "en": "At Risk"},
    "seg_can_t_lose": {"nl": "Niet te verliezen", "en": "Can't Lose"},
    "seg_hibernating": {"nl": "Slapers", "en": "Hibernating"},
    "seg_lost": {"nl": "Verloren", "en": "Lost"},
    "act_champions": {"nl": "Bedank ze persoonlijk, geef vroege toegang tot nieuwigheden en vraag "
                            "een review.",
                      "en": "Thank them personally, give early access to new products and ask "
                            "for a review."},
    "act_loyal_customers": {"nl": "Beloon hun trouw (klantenkaart, extraatje) en stel duurdere "
                                  "producten voor.",
                            "en": "Reward their loyalty (loyalty card, a small extra) and suggest "
                                  "higher-value products."},
    "act_potential_loyalists": {"nl": "Nodig ze uit voor je klantenprogramma en stel een "
                                      "passend vervolgproduct voor.",
                                "en": "Invite them to your loyalty programme and suggest a "
                                      "fitting next product."},
    "act_new_customers": {"nl": "Heet ze welkom en help ze op weg naar een tweede aankoop.",
                          "en": "Welcome them and help them towards a second purchase."},
    "act_promising": {"nl": "Maak je merk bekend met nuttige tips en een klein aanbod.",
                      "en": "Build familiarity with useful tips and a small offer."},
    "act_need_attention": {"nl": "Stuur een persoonlijk aanbod dat beperkt is in de tijd.",
                           "en": "Send a personal offer that is limited in time."},
    "act_about_to_sleep": {"nl": "Wek hun interesse opnieuw met populaire producten of een "
                                 "seizoensactie.",
                           "en": "Rekindle their interest with popular products or a seasonal "
                                 "offer."},
    "act_at_risk": {"nl": "Neem contact op: vraag wat er beter kan en maak een persoonlijk "
                          "aanbod.",
                    "en": "Get in touch: ask what could be better and make a personal offer."},
    "act_can_t_lose": {"nl": "Bel of schrijf ze persoonlijk: deze grote klanten wil je niet "
                             "kwijt.",
                       "en": "Call or write to them personally: these are big customers you "
                             "cannot lose."},
    "act_hibernating": {"nl": "Eén heractivatiemail met een relevant aanbod; daarna niet "
                              "blijven aandringen.",
                        "en": "One reactivation e-mail with a relevant offer; then do not "
                              "insist."},
    "act_lost": {"nl": "Laat ze los of probeer één keer een terugwinactie; investeer je budget "
                       "elders.",
                 "en": "Let them go or try one win-back campaign; spend your budget elsewhere."},
    "cluster_recent": {"nl": "Recente", "en": "Recent"},
    "cluster_lapsed": {"nl": "Slapende", "en": "Lapsed"},
    "cluster_once": {"nl": "eenmalige", "en": "one-time"},
    "cluster_regular": {"nl": "vaste", "en": "regular"},
    "cluster_big": {"nl": "grote kopers", "en": "big spenders"},
    "cluster_small": {"nl": "kleine kopers", "en": "small spenders"},
    "act_recent_big": {"nl": "Bedank ze persoonlijk en geef vroege toegang tot nieuwigheden.",
                       "en": "Thank them personally and give early access to new products."},
    "act_recent_small": {"nl": "Moedig een volgende aankoop aan met een bundel of een "
                               "aanbeveling.",
                         "en": "Encourage a next purchase with a bundle or a recommendation."},
    "act_lapsed_big": {"nl": "Win ze terug met een persoonlijke boodschap en een reden om terug "
                             "te komen.",
                       "en": "Win them back with a personal message and a reason to return."},
    "act_lapsed_small": {"nl": "Eén heractivatiemail; blijft een reactie uit, investeer dan "
                               "elders.",
                         "en": "One reactivation e-mail; without a response, spend elsewhere."},
    "col_revenue": {"nl": "Aandeel omzet", "en": "Share of revenue"},
    # segment explorer: the export's headers and format
    "exp_customer": {"nl": "klant", "en": "customer"},
    "exp_segment": {"nl": "segment", "en": "segment"},
    "exp_action": {"nl": "voorgestelde actie", "en": "suggested action"},
    "exp_recency": {"nl": "dagen sinds laatste aankoop", "en": "days since last purchase"},
    "exp_frequency": {"nl": "aantal bestellingen", "en": "number of orders"},
    "exp_monetary": {"nl": "totaal bedrag (€)", "en": "total spend (€)"},
    "format_be": {"nl": "Belgische Excel (; en komma)", "en": "Belgian Excel (; and comma)"},
    "format_international": {"nl": "Internationaal (, en punt)",
                             "en": "International (, and point)"},
    # segment explorer: contacts and the pseudonym key in the export
    "keep_contact": {"nl": "Neem mijn contactgegevens op ({columns})",
                     "en": "Include my contact details ({columns})"},
    "gdpr_note": {"nl": "AVG/GDPR: e-mailadressen en namen zijn persoonsgegevens. Gebruik de lijst "
                        "enkel voor je eigen mailing en bewaar hem niet langer dan nodig.",
                  "en": "GDPR: e-mail addresses and names are personal data. Use the list only "
                        "for your own mailing and do not keep it longer than needed."},
    "key_intro": {
        "nl": "Met een sleutel krijgt dezelfde klant in elke export hetzelfde pseudoniem, zodat "
              "je de lijst thuis weer aan je klanten kunt koppelen. De app bewaart de sleutel "
              "niet: download hem en bewaar hem zelf, zoals een wachtwoord. Laad hem later "
              "opnieuw voor dezelfde pseudoniemen.",
        "en": "With a key, the same customer gets the same pseudonym in every export, so you can "
              "link the list back to your customers at home. The app does not keep the key: "
              "download it and keep it yourself, like a password. Load it again later for the "
              "same pseudonyms."},
    "load_key": {"nl": "Laad mijn sleutel", "en": "Load my key"},
    "key_loaded": {"nl": "Sleutel geladen uit {file}: je krijgt dezelfde pseudoniemen als in je "
                         "eerdere exports met deze sleutel.",
                   "en": "Key loaded from {file}: you get the same pseudonyms as in your earlier "
                         "exports with this key."},
    "key_bad": {"nl": "{file} is geen pseudoniemsleutel van deze app.",
                "en": "{file} is not a pseudonym key of this app."},
    "key_new": {"nl": "Nieuwe sleutel gemaakt: download hem en bewaar hem goed, apart van de "
                      "lijst. Zonder sleutel kun je de pseudoniemen niet meer koppelen.",
                "en": "New key made: download it and keep it safe, apart from the list. Without "
                      "the key you cannot link the pseudonyms back."},
    "key_what": {"nl": "mijn sleutel", "en": "my key"},
    # segment explorer: periods explained
    "periods_segments": {"nl": "Segmenten in de basisperiode (van best naar minst goed): "
                               "{segments}.",
                         "en": "Segments in the baseline (best first): {segments}."},
    "periods_explain": {
        "nl": "Elke cirkel is een segment in de huidige periode, met het aantal klanten. Een "
              "pijl van A naar C telt de klanten die in de basisperiode in A zaten en nu in C. "
              "⚠ telt de klanten met de prioriteitsvlag: ze zakten minstens 2 niveaus vanuit een "
              "van de 2 beste segmenten (bv. A → C). Bel die eerst.",
        "en": "Each circle is a segment in the current period, with its number of customers. An "
              "arrow from A to C counts the customers who were in A in the baseline and are in C "
              "now. ⚠ counts the customers with the priority flag: they dropped at least 2 "
              "levels from one of the 2 best segments (e.g. A → C). Call those first."},
    "group_top": {"nl": "Top", "en": "Top"},
    "group_new": {"nl": "Nieuw", "en": "New"},
    "group_needs_attention": {"nl": "Aandacht nodig", "en": "Needs attention"},
    "group_growing": {"nl": "Groeiend", "en": "Growing"},
    "group_loyal": {"nl": "Trouw", "en": "Loyal"},
    "group_sleeping": {"nl": "Inslapend", "en": "Sleeping"},
    "group_inactive": {"nl": "Inactief", "en": "Inactive"},
    # problems with a saved answers file (aimkit.maturity.MaturityError)
    "answers_not_text": {
        "nl": "{source} is geen tekstbestand; kies het .json-bestand dat de scan bewaarde",
        "en": "{source} is not a text file; choose the .json file that the scan saved"},
    "answers_not_json": {
        "nl": "{source} is geen geldige JSON (regel {line}, kolom {column}: {detail})",
        "en": "{source} is not valid JSON (line {line}, column {column}: {detail})"},
    "answers_no_answers": {
        "nl": "{source} is JSON maar geen bewaarde maturiteitsscan: er staan geen 'answers' in",
        "en": "{source} is JSON but not a saved maturity scan: it has no 'answers'"},
    "answers_other_format": {
        "nl": "{source} is een {format}-bestand, geen bewaarde maturiteitsscan",
        "en": "{source} is a {format} file, not a saved maturity scan"},
    "answers_not_object": {
        "nl": "{source}: de antwoorden moeten een object zijn van vraag-id → niveau",
        "en": "{source}: the answers must be an object of question id → level"},
    "answers_unknown_ids": {
        "nl": "{source}: onbekende vraag-id('s) {ids}; dit bestand hoort misschien bij een andere "
              "versie van de vragenlijst",
        "en": "{source}: unknown question id(s) {ids}; this file may belong to another version "
              "of the questionnaire"},
    "answers_bad_level": {
        "nl": "{source}: het antwoord op {question} is {level}; het moet een geheel getal van 1 "
              "tot {max} zijn",
        "en": "{source}: the answer to {question} is {level}; it must be a whole number from 1 "
              "to {max}"},
    "answers_too_deep": {
        "nl": "{source} is te diep genest om een bewaarde maturiteitsscan te zijn",
        "en": "{source} is nested too deeply to be a saved maturity scan"},
    "answers_huge_number": {
        "nl": "{source} bevat een getal dat te groot is (of inf/NaN); een antwoord is 1 tot 5",
        "en": "{source} holds a number that is too large (or inf/NaN); an answer is 1 to 5"},
    "answers_unknown_version": {
        "nl": "{source} is een bewaarde scan van versie {version}, die deze versie van de "
              "scan niet kent; werk aimkit bij of vul de scan opnieuw in",
        "en": "{source} is a saved scan of version {version}, which this version of the scan "
              "does not know; update aimkit or fill in the scan again"},
    "answers_company_too_long": {
        "nl": "{source}: de bedrijfsnaam is {length} tekens lang; hoogstens {limit} mag",
        "en": "{source}: the company name is {length} characters long; at most {limit} is "
              "allowed"},
    "answers_too_large": {
        "nl": "{source} is groter dan {limit} kB; een bewaarde scan is ongeveer 1 kB",
        "en": "{source} is larger than {limit} kB; a saved scan is about 1 kB"},
    "answers_folder": {"nl": "{source} is een map, geen bestand",
                       "en": "{source} is a folder, not a file"},
    "answers_unreadable": {"nl": "{source} kan niet gelezen worden ({reason})",
                           "en": "{source} cannot be read ({reason})"},
    # problems with a file (aimkit.io.Problem); English as in the notebooks
    "problem_in_column": {"nl": "{file}, kolom '{column}'", "en": "{file}, column '{column}'"},
    "problem_row": {"nl": "rij {rows}", "en": "row {rows}"},
    "problem_rows": {"nl": "rijen {rows}", "en": "rows {rows}"},
    "problem_more": {"nl": "en nog {count}", "en": "and {count} more"},
    "problem_not_found": {"nl": "bestand niet gevonden", "en": "file not found"},
    "problem_folder": {"nl": "is een map, geen bestand", "en": "is a folder, not a file"},
    "problem_too_large": {
        "nl": "het bestand is te groot ({size} MB; de grens is {limit} MB): exporteer een "
              "kortere periode of minder kolommen",
        "en": "the file is too large ({size} MB; the limit is {limit} MB): export a shorter "
              "period or fewer columns"},
    "problem_xlsx": {
        "nl": "is een Excel-werkmap (.xlsx) of een zip-bestand, geen CSV: kies in Excel "
              "'Opslaan als' › 'CSV (gescheiden door lijstscheidingsteken)'",
        "en": "is an Excel workbook (.xlsx) or a zip file, not a CSV: in Excel choose "
              "'Save as' › 'CSV (comma or semicolon delimited)'"},
    "problem_xls": {
        "nl": "is een oude Excel-werkmap (.xls), geen CSV: kies in Excel 'Opslaan als' › "
              "'CSV (gescheiden door lijstscheidingsteken)'",
        "en": "is an old Excel workbook (.xls), not a CSV: in Excel choose 'Save as' › "
              "'CSV (comma or semicolon delimited)'"},
    "problem_pdf": {"nl": "is een PDF-document, geen CSV-export",
                    "en": "is a PDF document, not a CSV export"},
    "problem_png": {"nl": "is een PNG-afbeelding, geen CSV-export",
                    "en": "is a PNG image, not a CSV export"},
    "problem_jpeg": {"nl": "is een JPEG-afbeelding, geen CSV-export",
                     "en": "is a JPEG image, not a CSV export"},
    "problem_gzip": {"nl": "is een met gzip gecomprimeerd bestand: pak het eerst uit",
                     "en": "is a gzip-compressed file: unpack it first"},
    "problem_empty": {"nl": "het bestand is leeg (0 bytes); exporteer de gegevens opnieuw",
                      "en": "the file is empty (0 bytes); export the data again"},
    "problem_binary": {"nl": "is een binair bestand, geen tekstexport (CSV)",
                       "en": "is a binary file, not a text (CSV) export"},
    "problem_blank": {"nl": "het bestand bevat geen gegevens, alleen lege regels",
                      "en": "the file holds no data, only blank lines"},
    "problem_unnamed_column": {
        "nl": "kolom {position} bevat gegevens maar heeft geen naam in de kopregel",
        "en": "column {position} has data but no name in the header row"},
    "problem_no_rows": {"nl": "heeft een kopregel maar geen rijen met gegevens",
                        "en": "has a header row but no data rows"},
    "problem_twice_in_header": {
        "nl": "de kolomnaam staat twee keer in de kopregel (kolommen {first} en {second})",
        "en": "the column name appears twice in the header (columns {first} and {second})"},
    "problem_ragged": {
        "nl": "sommige rijen hebben meer waarden dan de {width} kolommen van de kopregel (een "
              "scheidingsteken in een waarde zonder aanhalingstekens?)",
        "en": "some rows have more values than the {width} columns of the header (a separator "
              "inside a value that is not quoted?)"},
    "problem_empty_cells": {"nl": "heeft lege cellen", "en": "has empty cells"},
    "problem_not_numbers": {"nl": "bevat waarden die geen getallen zijn (verwacht bv. {example})",
                            "en": "holds values that are not numbers (expected e.g. {example})"},
    "problem_not_whole": {"nl": "bevat waarden die geen gehele getallen zijn",
                          "en": "holds values that are not whole numbers"},
    "problem_not_dates": {
        "nl": "bevat waarden die geen geldige datums zijn (verwacht dd/mm/jjjj, dd-mm-jjjj of "
              "jjjj-mm-dd)",
        "en": "holds values that are not valid dates (expected dd/mm/yyyy, dd-mm-yyyy or "
              "yyyy-mm-dd)"},
    "problem_below_min": {"nl": "bevat waarden onder het minimum {min}",
                          "en": "holds values below the minimum {min}"},
    "problem_above_max": {"nl": "bevat waarden boven het maximum {max}",
                          "en": "holds values above the maximum {max}"},
    "problem_not_allowed": {"nl": "bevat waarden die niet toegelaten zijn (toegelaten: {allowed})",
                            "en": "holds values that are not allowed (allowed: {allowed})"},
    "problem_duplicates": {"nl": "bevat dubbele waarden", "en": "holds duplicate values"},
    "problem_missing_column": {
        "nl": "verplichte kolom ontbreekt (het bestand heeft: {have})",
        "en": "required column is missing (the file has: {have})"},
    "problem_unreadable": {"nl": "kan niet gelezen worden ({reason})",
                           "en": "cannot be read ({reason})"},
    "problem_double_bom": {
        "nl": "begint met twee byte-order marks (BOM) in plaats van één: bewaar het bestand "
              "opnieuw als 'CSV UTF-8'",
        "en": "starts with two byte-order marks (BOM) instead of one: save the file again as "
              "'CSV UTF-8'"},
    "problem_utf32": {
        "nl": "is bewaard als UTF-32, wat ik niet lees: bewaar het als 'CSV UTF-8'",
        "en": "is saved as UTF-32, which I do not read: save it as 'CSV UTF-8'"},
    "problem_broken_utf16": {
        "nl": "is bewaard als UTF-16 maar is beschadigd (vanaf byte {position}): exporteer "
              "opnieuw, bij voorkeur als 'CSV UTF-8'",
        "en": "is saved as UTF-16 but is damaged (from byte {position}): export it again, "
              "preferably as 'CSV UTF-8'"},
    "problem_stray_byte": {
        "nl": "een teken is geen geldige UTF-8 (het bestand wel); ik las het als het "
              "Windows-teken (cp1252): kijk deze waarde na",
        "en": "a character is not valid UTF-8 (the rest of the file is); I read it as the "
              "Windows character (cp1252): check this value"},
    "problem_too_wide": {
        "nl": "heeft {width} kolommen; ik lees er hoogstens {limit}: exporteer minder kolommen",
        "en": "has {width} columns; I read at most {limit}: export fewer columns"},
    "problem_unclosed_quote": {
        "nl": "een aanhalingsteken (\") wordt geopend maar nooit gesloten, zodat de rest van "
              "het bestand één waarde zou worden",
        "en": "a quote (\") is opened but never closed, so the rest of the file would become "
              "one value"},
    "problem_similar_in_header": {
        "nl": "de kolomnaam verschilt alleen in hoofdletters of spaties van '{other}' "
              "(kolommen {first} en {second}): hernoem er één",
        "en": "the column name differs only in case or spacing from '{other}' (columns "
              "{first} and {second}): rename one"},
    "problem_rename_unknown": {
        "nl": "de kolom om te hernoemen staat niet in het bestand (het bestand heeft: {have})",
        "en": "the column to rename is not in the file (the file has: {have})"},
    "problem_rename_twice": {
        "nl": "na het hernoemen zou deze kolom twee keer bestaan (uit {sources})",
        "en": "after renaming this column would exist twice (from {sources})"},
    "problem_ambiguous_decimal": {
        "nl": "leest als een ander getal met een decimale komma ({text} = {comma}) dan met een "
              "decimaal punt ({text} = {point}); zeg welke met decimal=\",\" of decimal=\".\"",
        "en": "reads as a different number with a decimal comma ({text} = {comma}) than with a "
              "decimal point ({text} = {point}); say which with decimal=\",\" or "
              "decimal=\".\""},
    "problem_key_repeats": {
        "nl": "de combinatie moet uniek zijn maar komt meer dan eens voor",
        "en": "the combination must be unique but repeats"},
}
"""Every app text: ``{key: {"nl": ..., "en": ...}}``."""


def text(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """Return the text for ``key`` in ``lang``, with ``{placeholders}`` filled in.

    Parameters
    ----------
    key : str
        A key of :data:`STRINGS`.
    lang : {"nl", "en"}
        The language; Dutch by default.
    **values
        Values for the placeholders.

    Raises
    ------
    KeyError
        For an unknown key or language.

    Examples
    --------
    >>> text("back", "en")
    'Back'
    >>> text("answered_of", answered=3, questions=16)
    '3 van 16 vragen beantwoord'
    """
    if lang not in LANGUAGES:
        raise KeyError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    return STRINGS[key][lang].format(**values)


def placeholders(template: str) -> set[str]:
    """Names of the ``{placeholders}`` in a text.

    Examples
    --------
    >>> sorted(placeholders("Step {step} of {steps}"))
    ['step', 'steps']
    """
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def problems(strings: dict[str, dict[str, str]] | None = None) -> list[str]:
    """List keys that miss a language, are empty, or use other placeholders per language.

    Examples
    --------
    >>> problems({"ok": {"nl": "Ja {x}", "en": "Yes {x}"}, "bad": {"nl": "Nee {x}", "en": "No"}})
    ["bad: placeholders differ between languages (nl: ['x'], en: [])"]
    """
    found = []
    for key, versions in (STRINGS if strings is None else strings).items():
        missing = [lang for lang in LANGUAGES if not versions.get(lang, "").strip()]
        if missing:
            found.append(f"{key}: no text for {', '.join(missing)}")
            continue
        names = {lang: sorted(placeholders(versions[lang])) for lang in LANGUAGES}
        if len({tuple(v) for v in names.values()}) > 1:
            detail = ", ".join(f"{lang}: {names[lang]}" for lang in LANGUAGES)
            found.append(f"{key}: placeholders differ between languages ({detail})")
    return found


def number(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 0) -> str:
    """A number with thousands separators, Flemish (``2.729,5``) or English (``2,729.5``).

    Examples
    --------
    >>> number(2729.5, "nl", 2), number(2729.5, "en", 2), number(-1234567)
    ('2.729,50', '2,729.50', '-1.234.567')
    """
    text = f"{value:,.{decimals}f}"
    return text.translate(str.maketrans(",.", ".,")) if lang == "nl" else text


def money(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 2) -> str:
    """An amount in euro: ``€ 2.729,50`` in Dutch, ``€2,729.50`` in English.

    Examples
    --------
    >>> money(2729.5), money(2729.5, "en"), money(310.4, "nl", 0)
    ('€ 2.729,50', '€2,729.50', '€ 310')
    """
    return ("€ " if lang == "nl" else "€") + number(value, lang, decimals)


def percent(share: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A share (0–1) as a percentage: ``12,6 %`` in Dutch, ``12.6%`` in English.

    Examples
    --------
    >>> percent(0.126), percent(0.126, "en")
    ('12,6 %', '12.6%')
    """
    return number(100 * share, lang, decimals) + (" %" if lang == "nl" else "%")


def date(value, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date as dd/mm/jjjj in Dutch (Flemish use) and yyyy-mm-dd in English.

    Examples
    --------
    >>> import pandas as pd
    >>> date(pd.Timestamp("2023-01-02 18:47")), date(pd.Timestamp("2023-01-02"), "en")
    ('02/01/2023', '2023-01-02')
    """
    return f"{value:%d/%m/%Y}" if lang == "nl" else f"{value:%Y-%m-%d}"


# --- the course's language ----------------------------------------------------------------

COURSE_LANGUAGE = "AIMKIT_LANGUAGE"
"""Environment variable: the course's language when :func:`use_language` was not called."""
Text = Mapping[str, str]
"""One text in both languages: ``{"en": ..., "nl": ...}``."""

_chosen_language: list[str] = []  # set by use_language; empty means: ask the environment


def use_language(language: str) -> None:
    """Let exercise feedback, hints and figure labels speak ``language`` ("en" or "nl").

    Examples
    --------
    >>> use_language("nl"); current_language()
    'nl'
    >>> use_language("en")
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    _chosen_language[:] = [language]


def current_language() -> str:
    """The course's language: :func:`use_language`, else ``AIMKIT_LANGUAGE``, else "en".

    Examples
    --------
    >>> current_language()
    'en'
    """
    if _chosen_language:
        return _chosen_language[0]
    language = os.environ.get(COURSE_LANGUAGE, "en")
    return language if language in LANGUAGES else "en"


class _LocalFormatter(string.Formatter):
    """``str.format`` that writes numbers the Flemish way (1.234,5) in Dutch."""

    def __init__(self, language: str):
        self.language = language

    def format_field(self, value, format_spec):
        text = super().format_field(value, format_spec)
        if self.language == "nl" and isinstance(value, int | float):
            text = text.translate(str.maketrans(",.", ".,"))
        return text


def say(text: Text, **fields) -> str:
    """Return ``text`` in the course's language with its ``{fields}`` filled in.

    Numbers are written the Flemish way in Dutch (``1.234,5``).

    Examples
    --------
    >>> say({"en": "{n:,} per group", "nl": "{n:,} per groep"}, n=6745)
    '6,745 per group'
    """
    language = current_language()
    return _LocalFormatter(language).format(text[language], **fields)

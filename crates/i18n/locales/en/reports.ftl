# The dashboard (/dashboard), the yearly report (HTML and PDF) and the
# overview's exports. Dutch is the reference; every key is also in every
# other language, with the same { $placeholders }.
#
# In the yearly report's sentences (report-pdf-*) *this* sets a word in
# bold and _this_ in italics; the values of placeholders stay text.

## Words of the figures themselves (view.rs, charts.rs)

report-period-months = { $from } to { $to }
report-not-filled-in = (not filled in)
report-total-received = received (complaints and signals)
report-total-complaints = complaints
report-total-signals = signals (resolved immediately)
report-total-converted = complaints first received as a signal (counted with the complaints)
report-total-closed = complaints closed
report-total-open = complaints still open
report-count-reports =
    { $count ->
        [one] { $count } report
       *[other] { $count } reports
    }
report-count-complaints =
    { $count ->
        [one] { $count } complaint
       *[other] { $count } complaints
    }
report-count-signals =
    { $count ->
        [one] { $count } signal
       *[other] { $count } signals
    }
report-part-on-time = on time
report-part-late = done late
report-part-overdue = late, still open
report-part-waived = skipped
report-series-complaints = complaints
report-series-signals = signals
report-series-complainants = complainants
report-score = score { $score }
report-chart-months = Complaints and signals per month, { $period }
report-chart-categories = Complaints and signals per category, { $period }
report-chart-compliance = Deadlines per step: on time, done late, late and still open, skipped
report-chart-compliance-step = { $step }: { $on_time } on time, { $late } done late, { $overdue } late and still open, { $waived } skipped
report-chart-merit = Judgement of the complaints
report-chart-satisfaction = Complainants' satisfaction after handling (1 = very dissatisfied, 5 = very satisfied)

## Structural patterns and improvement actions in the yearly report (yearly.rs)

report-dimension-category = category
report-dimension-service = service
report-dimension-team = team
report-dimension-other = pattern
report-window = { $from } to { $to }
report-outcome-acted = improvement action opened
report-outcome-dismissed = no improvement action: { $reason }
report-action-open = open
report-action-in-progress = in progress
report-action-done = completed

## The dashboard (dashboard.html)

report-forbidden = Reports are for the quality manager and the director.
report-too-many = The selection holds more than { $limit } complaints; that is too many for one export. Choose a shorter period or more filters.
report-bad-period = the period { $period } lies outside the range of the calendar
report-bad-year = '{ $value }' is not a year between 2000 and { $last }.
report-last-twelve-months = last 12 months
report-dashboard-heading = Complaints dashboard
report-showing-current-year = You are seeing the current year.
report-period-and-reports = Period and reports
report-period = Period
report-show = Show
report-yearly-link = Annual report { $year }:
report-view = view
report-overview-export = Overview with export (CSV, Excel)

## The figures of the dashboard and the annual report (figures.html)

report-key-figures = Key figures
report-shares-note = Complaints { $complaints }, signals { $signals } of all reports. Overdue steps measured on { $date }.
report-per-month = Per month
report-chart-label-months = Chart: per month
report-table-label = Table: { $caption }
report-months-caption = Complaints and signals per month
report-month = Month
report-complaints = Complaints
report-signals = Signals
report-total = Total
report-per-category = Per category
report-chart-label-categories = Chart: per category
report-categories-caption = Complaints and signals per category
report-category = Category
report-founded = (Partly) founded
report-category-months-caption = Trend per category per month (complaints and signals)
report-causes-caption = Causes (complaints)
report-cause = Cause
report-services-caption = Services (complaints)
report-service = Service
report-terms-heading = Deadlines per step
report-chart-label-terms = Chart: deadlines per step
report-terms-label = Deadlines met per step
report-terms-caption = Deadlines met per step; days late in calendar days after the due date
report-step = Step
report-on-time = On time
report-late-done = Done late
report-late-open = Late, still open
report-waived = Skipped
report-pending = Still running
report-share-on-time = % on time
report-mean-days-late = Avg. days late
report-median = Median
report-p90 = P90
report-terms-note = A step not done when its deadline has passed counts as late (still open); a step whose deadline is still running is left out of the percentage.
report-lead-heading = Lead time to closing
report-lead-caption = Calendar days from receipt to closing, closed complaints
report-closed = Closed
report-mean = Average
report-percentile-90 = 90th percentile
report-longest = Longest
report-merit-heading = Judgement
report-chart-label-merit = Chart: judgement
report-merit-caption = Judgement of the complaints
report-merit = Judgement
report-share = Share
report-no-merit-yet = no judgement yet
report-satisfaction-heading = Satisfaction after handling
report-chart-label-satisfaction = Chart: satisfaction after handling
report-satisfaction-caption = Complainant's response to the offer (1 = very dissatisfied, 5 = very satisfied)
report-scored = complainants with a score
report-mean-score = average score
report-satisfied = (very) satisfied (4 or 5)
report-offer-accepted = offer accepted
report-offer-declined = offer declined
report-checks = satisfaction survey answered by the complainant (website)
report-checks-mean = , average { $mean }
report-escalations-heading = External escalations
report-escalations-caption = Complaints put to an external party
report-escalated = complaints escalated externally
report-escalations = escalations
report-resolved = resolved
report-unresolved = unresolved
report-no-outcome = no outcome yet
report-via = via { $party }
report-reopened-heading = Reopened complaints
report-reopened-caption = Closed complaints that were handled again
report-reopened = complaints reopened
report-reopened-share = share of the complaints
report-reopenings = reopenings

## The annual report as a page (yearly.html)

report-yearly-title = Annual complaints report { $year }
report-skip = Skip to content
report-download-pdf = Download as PDF
report-print-hint = You can also print straight from the browser.
report-yearly-subtitle = Complaints and signals received in { $period } · prepared on { $date }
report-improvement-heading = Structural patterns and improvement actions
report-no-patterns = No structural pattern was decided on in { $year }.
report-patterns-caption = Structural patterns
report-pattern = Pattern
report-window-heading = Window
report-decision = Decision
report-no-actions = No improvement actions were opened in { $year }.
report-actions-caption = Improvement actions
report-number = Reference
report-action = Improvement action
report-owner = Owner
report-due = Due by
report-action-status = Status
report-improvement-unavailable = Structural patterns and improvement actions are not yet available in this installation.
report-notes-heading = Notes
report-note-month = A report counts in the month and year in which it was received (Dutch time).
report-note-kinds = _Complaints_ are reports handled under the complaints procedure, including signals that later became a complaint; _signals_ were resolved immediately.
report-note-term = A deadline is met when the step is done on or before its due date. Days late are calendar days after the due date.
report-note-percentile = The 90th percentile is the smallest value at or below which 90% of the values lie.

## The annual report as PDF (jaarverslag.typ): the template's words

report-pdf-generated = Prepared on { $date }
report-pdf-subtitle = Complaints and signals received in { $period } · overdue steps measured on { $date }
report-pdf-summary = Summary
report-pdf-key-figure = Key figure
report-pdf-count = Count
report-pdf-months-heading = Complaints and signals per month
report-pdf-months-alt = Bar chart of complaints and signals per month
report-pdf-categories-heading = Per category
report-pdf-categories-alt = Bar chart of complaints and signals per category
report-pdf-category-months = Trend per category per month (complaints and signals together)
report-pdf-terms-heading = Deadlines
report-pdf-terms-alt = Stacked bars per step: on time, done late, late still open, skipped
report-pdf-late-open = Late, open
report-pdf-waived = Skipped
report-pdf-p90-days-late = P90 days late
report-pdf-lead-heading = Lead time
report-pdf-closed-complaints = Closed complaints
report-pdf-merit-alt = Split of founded, partly founded, unfounded
report-pdf-satisfaction-alt = Bar chart of satisfaction scores
report-pdf-score = Score
report-pdf-complainants = Number of complainants
report-pdf-party = External party
report-pdf-reopening-reason = Reason for reopening
report-pdf-complaint = Complaint
report-pdf-reopened-for = Reopened because of

## The annual report as PDF: the sentences

report-pdf-received = In { $year } { $organisation } received *{ $received }*: *{ $complaints }* ({ $complaints-share }) and *{ $signals }* ({ $signals-share }) { $signal-count ->
        [one] that was
       *[other] that were
    } resolved immediately.
report-pdf-converted =
    { $count ->
        [one] Of those complaints, 1 was first registered as a signal and later handled as a complaint after all.
       *[other] Of those complaints, { $count } were first registered as a signal and later handled as a complaint after all.
    }
report-pdf-closed =
    { $closed ->
        [one] Of the complaints, 1 has been closed and { $open } are still being handled.
       *[other] Of the complaints, { $closed } have been closed and { $open } are still being handled.
    }
report-pdf-lead-time = The lead time to closing averaged { $mean } days (median { $median }, 90th percentile { $p90 } days).
report-pdf-satisfaction = After handling, complainants gave an average of { $mean } on a scale of 1 to 5; { $share } were (very) satisfied.
report-pdf-terms-intro = Per step of the complaints procedure: how many complaints met the deadline. A step not yet done when its deadline has passed counts as _late, still open_; a step whose deadline is still running is left out. Days late are calendar days after the due date.
report-pdf-lead-intro = From receipt to closing by the quality manager, in calendar days, for the { $count } closed complaints.
report-pdf-satisfaction-intro = Satisfaction on a scale of 1 to 5: the complainant's own answer to the satisfaction survey (website) where there is one, otherwise the score the handler recorded with the response to the offer.
report-pdf-scored =
    { $scored ->
        [one] 1 complainant gave
       *[other] { $scored } complainants gave
    } a score; average { $mean }, (very) satisfied (4 or 5): { $satisfied } ({ $share }). Offer accepted: { $accepted }, declined: { $declined }.
report-pdf-checks =
    Through the satisfaction survey on the website, { $checks ->
        [one] 1 complainant answered
       *[other] { $checks } complainants answered
    } themselves, average { $mean }.
report-pdf-escalations =
    { $complaints ->
        [one] 1 complaint was
       *[other] { $complaints } complaints were
    } put to an external party ({ $escalations } times): { $resolved } resolved, { $unresolved } unresolved, { $pending } no outcome yet.
report-pdf-none-reopened = No closed complaint was reopened.
report-pdf-reopened =
    { $complaints ->
        [one] { $complaints } complaint was
       *[other] { $complaints } complaints were
    } reopened after closing ({ $share } of the complaints, { $reopenings } times); the first handling stayed sealed in the complaints archive each time.
report-pdf-improvement-unavailable = _Structural patterns and improvement actions are not yet available in this installation._
report-pdf-note-term = A deadline is met when the step is done on or before its due date (the date entered for the conversation and for the offer; for recording, the day the form went to the quality manager).

## The overview's exports (export.rs)

report-export-sheet = Complaints
report-export-unknown = unknown
report-export-closed = closed
report-export-to-close = to close
report-export-met-yes = yes
report-export-met-no = no
report-export-met-waived = skipped
report-export-met-pending = not yet
report-export-number = Reference
report-export-kind = Type
report-export-received = Received
report-export-status = Status
report-export-category = Category
report-export-cause = Cause
report-export-service = Service
report-export-handler = Handler
report-export-team = Team (manager)
report-export-merit = Judgement
report-export-step-report = Report
report-export-step-contact = Contact
report-export-step-offer = Offer
report-export-step-record = Record
report-export-due = { $step }: deadline
report-export-done = { $step }: done on
report-export-met = { $step }: on time
report-export-closed-on = Closed on
report-export-channel = Channel
report-export-complainant = Complainant
report-export-offer-kind = Offer: type
report-export-offer-value = Offer: value (EUR)
report-export-satisfaction = Satisfaction (1-5)
report-export-stage = Step
report-export-id = Id
report-export-filename = complaints
report-yearly-filename = annual-complaints-report

# How does it work? (/hoe-werkt-het): the procedure as a diagram, each
# role's part, the deadlines, the help per step and the start page tour.

## The page

procedure-title = How does it work? — { $organisation }
procedure-heading = How does it work?
procedure-intro-html = This is how we handle a complaint under the <a href="/reglement">complaints procedure</a>. Deadlines count from the day of receipt, in working days excluding public holidays and closing days.
procedure-diagram-heading = The procedure
procedure-terms-heading = Deadlines for a complaint received today
procedure-col-step = Step
procedure-col-term = Deadline
procedure-col-due = Due by
procedure-roles-heading = Who does what
procedure-your-role = (your role)

## The sentence with today's deadlines

procedure-example = Received today, { $today }: { $terms }.
procedure-example-today = { $step } today
procedure-example-due = { $step } by { $date }
procedure-example-step-report = report
procedure-example-step-contact = contact
procedure-example-step-offer = decision and offer
procedure-example-step-record = record

## The deadlines as a rule

procedure-rule-report = the same day
procedure-rule-contact = within 2 working days
procedure-rule-offer = within 2 weeks
procedure-rule-record = within 3 weeks

## The parts of the procedure

procedure-section-report = Step 1: report
procedure-section-contact = Step 2: contact
procedure-section-offer = Step 3: decision and offer
procedure-section-record = Step 4: record
procedure-section-escalation = Not satisfied: escalation
procedure-section-closing = Closing

## Each role's part

procedure-role-employee = Employee
procedure-role-employee-part = Takes in complaints, in writing or in person, and registers them the same day with New report; this reports the complaint to their direct manager. Carries out agreed actions assigned to them.
procedure-role-manager = Manager and handler
procedure-role-manager-part = The manager is responsible for the complaint and assigns a handler: themselves or a colleague, never the member of staff the complaint is about. The handler contacts the complainant (step 2), assesses the complaint and makes the offer (step 3) and records everything on the complaint form (step 4).
procedure-role-director = Director
procedure-role-director-part = Has final responsibility for the proper handling of every complaint. Gives advice when a handler asks for it and can involve an external party.
procedure-role-quality-manager = Quality manager
procedure-role-quality-manager-part = Can assist the manager. Receives the complaint form, closes the complaint and files it in the complaint records; spots structural patterns and sets improvement actions in motion.
procedure-role-admin = Administrator
procedure-role-admin-part = Does not handle complaints, but manages users, teams, lists and the calendar that determines the deadlines.

## The diagram

diagram-title = The complaints procedure in { $count } parts
diagram-block = { $title }: { $lines }.
diagram-term = Deadline: { $rule }
diagram-due = By { $date }
diagram-escalation-when = If the complainant is not satisfied
diagram-closing-when = After step 4, once everything is done
diagram-who = Who: { $who }
diagram-who-report = whoever receives the complaint (any member of staff), to the manager
diagram-who-contact = the handler
diagram-who-offer = the handler, with the director's advice where needed
diagram-who-record = the handler, to the quality manager
diagram-who-escalation = handler, quality manager or director
diagram-who-closing = the quality manager

## The help per step (also on a complaint's page)

help-heading = What the procedure requires at each step
help-now = current step
help-read-more = Read this in the complaints procedure

## The tour

tour-title = Tour: your start page
tour-more-html = How the whole procedure works, and what it requires at each step, is explained under <a href="/hoe-werkt-het">How does it work?</a>
tour-hide = Got it, hide the tour
tour-show = Show the tour on my start page
tour-hidden = The tour has been hidden. You can find it again under How does it work?
tour-employee-1 = Under Waiting for me is what is waiting for you, the most urgent first: first what is overdue, then what is due today.
tour-employee-2 = Taking in a complaint? Register it the same day with New report. Your manager is notified and becomes responsible.
tour-employee-3 = A complaint you registered stays here until it is closed; an agreed action in your name until you complete it.
tour-employee-4 = At every step on a complaint's page you can see what the complaints procedure requires and why.
tour-manager-1 = Under Waiting for me is what is waiting for you, the most urgent first: first what is overdue, then what is due today.
tour-manager-2 = A new complaint about your team stays here until you assign a handler: yourself or a colleague, never the member of staff the complaint is about.
tour-manager-3 = As a handler you see the next step and its deadline for each complaint: on time, due today or overdue. You also see a missed deadline in your team.
tour-manager-4 = Going to be away? Record it under Absence; reminders then go to a stand-in.
tour-manager-5 = At every step on a complaint's page you can see what the complaints procedure requires and why.
tour-quality-manager-1 = Under Waiting for me are the complaint forms sent to you: check them and close the complaint, and it is sealed in the complaint records.
tour-quality-manager-2 = Email that could not be sent (Messages) and structural patterns in complaints (Improvement) also wait for you here.
tour-quality-manager-3 = Overview, Dashboard and Records show all complaints, their deadlines and the figures.
tour-quality-manager-4 = You can assist a handler; at every step on a complaint's page you can see what the complaints procedure requires.
tour-director-1 = Under Waiting for me are the questions on which a handler asks for your advice, with the deadline of the offer that depends on it.
tour-director-2 = You give your advice on the complaint's page; the person who asked and the handler receive it by email.
tour-director-3 = Ongoing external escalations are also listed here until their outcome has been recorded.
tour-director-4 = Overview, Dashboard and Annual report show how all complaints are being handled.
tour-admin-1 = You manage the system and do not handle complaints; nothing is waiting for you on this page.
tour-admin-2 = Under Administration are the users and teams, the lists of categories and causes, and the services of the public complaint form.
tour-admin-3 = The calendar (Administration) determines the deadlines: closing days do not count as working days.
tour-admin-4 = Every change you make is recorded in the Log.

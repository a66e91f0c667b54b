<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
    <context>
        <name />
        <message>
            <location filename="../../ui/menus.py" line="23" />
            <source>&amp;File</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/menus.py" line="24" />
            <source>&amp;Import license key…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/menus.py" line="26" />
            <source>&amp;Refresh</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/menus.py" line="28" />
            <source>&amp;Quit</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/menus.py" line="33" />
            <source>&amp;Tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/menus.py" line="34" />
            <source>&amp;Add ticket…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/menus.py" line="39" />
            <source>&amp;Go</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/menus.py" line="46" />
            <source>&amp;Next page</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/menus.py" line="48" />
            <source>&amp;Previous page</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/menus.py" line="54" />
            <source>&amp;Help</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/menus.py" line="55" />
            <source>&amp;User guide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/menus.py" line="57" />
            <source>&amp;About Entitlement Console</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>About</name>
        <message>
            <location filename="../../ui/help.py" line="70" />
            <source>Entitlement Console {version}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/help.py" line="73" />
            <source>Offline licensing and entitlement console: what your licenses cover, when Support &amp; Maintenance expires, tickets left, upgrades, renewal requests.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/help.py" line="78" />
            <source>Python {python}, Qt {qt}, PySide6 {pyside}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/help.py" line="83" />
            <source>Not connected to a database.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/help.py" line="85" />
            <source> (demo mode)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/help.py" line="87" />
            <source>Database: {database}{mode}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/help.py" line="93" />
            <source>{licenses}: {ids}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/help.py" line="97" />
            <source>Press F1 for the user guide.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/help.py" line="105" />
            <source>About Entitlement Console</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AboutSection</name>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="26" />
            <source>About</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="30" />
            <source>Version:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="31" />
            <source>Runs on:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="32" />
            <source>Database in use:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="33" />
            <source>Data folder:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="34" />
            <source>Log file:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="35" />
            <source>Settings file:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="50" />
            <source>Open the data folde&amp;r</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="68" />
            <source>(not open)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="71" />
            <source> (demo mode)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="77" />
            <source>Entitlement Console {version}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="80" />
            <source>Python {python}, Qt {qt}, PySide6 {pyside}, {system}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="94" />
            <source>The folder could not be opened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/about.py" line="95" />
            <source>Open {folder} in the file manager.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>AssignDialog</name>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="466" />
            <source>Assign to a license</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/ticket_dialog.py" line="472" />
            <source>Assign %n local ticket(s) to one license: {cases}</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="480" />
            <source>License</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="485" />
            <source>&amp;License:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="495" />
            <source>&amp;Assign</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ClockSection</name>
        <message>
            <location filename="../../ui/pages/settings/clock.py" line="38" />
            <source>Clock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/clock.py" line="48" />
            <source>Ac&amp;knowledge…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/clock.py" line="51" />
            <source>Acknowledge that the date came from a clock that was ahead</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ContactBox</name>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="35" />
            <source>Your contact details</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="39" />
            <source>Contact name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="40" />
            <source>Contact e-mail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="41" />
            <source>Contact phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="42" />
            <source>Na&amp;me:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="43" />
            <source>&amp;E-mail:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="44" />
            <source>&amp;Phone:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="45" />
            <source>Remem&amp;ber these details for the next request</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="47" />
            <source>Remember the contact details</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>CsvTransfer</name>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="39" />
            <source>Result of the last action</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="41" />
            <source>&amp;Cancel the import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="43" />
            <source>Cancel the CSV import; nothing is imported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="57" />
            <source>CSV files (*.csv);;All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="68" />
            <source>Import tickets from CSV</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="73" />
            <source>Export the tickets shown to CSV</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/tickets/transfer.py" line="95" />
            <source>Exported %n ticket(s), as shown, to {path}.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="102" />
            <source>The tickets were not exported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="114" />
            <source>Importing {name}…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/tickets/transfer.py" line="124" />
            <source>Imported %n ticket(s) from {name}.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="134" />
            <source>The import was cancelled: nothing was imported.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="138" />
            <source>Row {row}: {message}</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/tickets/transfer.py" line="142" />
            <source>Nothing was imported: %n row(s) have problems.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="147" />
            <source>{problem}
Rows without a license_id column go to the license chosen in the License selector: choose one, or add the column.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="151" />
            <location filename="../../ui/pages/tickets/transfer.py" line="154" />
            <source>The CSV file was not imported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/transfer.py" line="152" />
            <source>The CSV file was not imported.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DateInput</name>
        <message>
            <location filename="../../ui/pages/upgrades/date_input.py" line="24" />
            <source>YYYY-MM-DD</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/date_input.py" line="31" />
            <source>Choose the date in a calendar</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DisputeDialog</name>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="63" />
            <source>Dispute ticket {case}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="74" />
            <source>The vendor's signed statement stays as it is. Say what you believe and why: the dispute is kept beside the ticket, shown with it and exported, and changes no balance until a later statement from the vendor agrees.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="84" />
            <source>The vendor's statement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="85" />
            <source>What you believe</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="88" />
            <source>Opened on, as you believe</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="91" />
            <source>Kind, as you believe</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="94" />
            <source>Classification, as you believe</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="98" />
            <source>Category, as you believe</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="108" />
            <source>&amp;Opened on:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="109" />
            <source>&amp;Kind:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="111" />
            <source>Classi&amp;fication:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="115" />
            <source>Ca&amp;tegory:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="124" />
            <source>{field}, as the vendor says</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="133" />
            <source>&amp;Why:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="136" />
            <source>Why you believe it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="138" />
            <source>e.g. the fault was confirmed as a product defect and fixed in 11.0.3</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="153" />
            <source>&amp;Record the dispute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="195" />
            <source>Change at least one field to what you believe it should be.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="197" />
            <source>Say why you believe it: the vendor will read the reason.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="199" />
            <source>The reason is too long: at most {count} characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="233" />
            <source>Nothing differs from the vendor's record: no dispute was recorded.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/dispute_dialog.py" line="239" />
            <source>The dispute was not recorded</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>DocumentsSection</name>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="36" />
            <source>Documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="44" />
            <location filename="../../ui/pages/license/documents.py" line="65" />
            <source>License</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="45" />
            <source>Revision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="46" />
            <source>Issued</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="47" />
            <source>S&amp;M end</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="48" />
            <source>Signed by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="49" />
            <source>Imported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="54" />
            <source>Verified license revisions, newest first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="65" />
            <source>Says it is</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="65" />
            <source>Why it does not count</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="69" />
            <source>Stored documents that do not count now</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="81" />
            <source>Documents of {license}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="83" />
            <source>Documents of every license</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="113" />
            <source>No revision of {license} verifies in this run.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="115" />
            <source>No license counts yet: import the license key above.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="119" />
            <source>Verified revisions, newest first; the one in use is in bold (a renewal is a new revision).</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/license/documents.py" line="147" />
            <source>%n stored document(s) do not count now: they are left out of every answer until they verify again.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/license/documents.py" line="156" />
            <source>Every stored document verifies with the keys this console trusts.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>FilterBar</name>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="36" />
            <source>&amp;Search:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="39" />
            <source>Case, title or license</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="40" />
            <source>Search by case id, title or license</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="47" />
            <source>Filter by ticket period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="48" />
            <location filename="../../ui/pages/tickets/filters.py" line="101" />
            <source>All periods</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="49" />
            <source>Filter by outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="50" />
            <source>All outcomes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="53" />
            <source>Filter by source or dispute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="55" />
            <source>All tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="56" />
            <source>Vendor tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="57" />
            <source>Local tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="58" />
            <source>Disputed tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="59" />
            <source>Unassigned tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="105" />
            <source>This period ({start} – {end})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="115" />
            <source>{start} – {end}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/filters.py" line="127" />
            <source>Choose one license in the License selector to filter by its periods.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/tickets/filters.py" line="150" />
            <source>%n ticket(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/tickets/filters.py" line="152" />
            <source>{shown} of %n ticket(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>HelpDialog</name>
        <message>
            <location filename="../../ui/help.py" line="34" />
            <source>Entitlement Console: user guide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/help.py" line="39" />
            <source>User guide</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/help.py" line="45" />
            <source>The user guide is missing from this installation.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>HistoryBox</name>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="95" />
            <source>Requests made</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="101" />
            <source>Requests made and their status</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="116" />
            <source>Mark selected as s&amp;ent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="118" />
            <source>Mark the selected request as sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="120" />
            <source>Cance&amp;l selected request…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="122" />
            <source>Cancel the selected request</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="130" />
            <source>A renewal request is fulfilled once a license revision that reaches its period is imported.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="174" />
            <source>Cancel request no. {id}?</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="176" />
            <source>Request no. {id} will be listed as cancelled. Cancelling does not tell the vendor: if it was sent, tell them too.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LicenseBalance</name>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="66" />
            <source>Used:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="67" />
            <source>Left this period:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="68" />
            <source>Total left:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="69" />
            <source>Bugs (free):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="70" />
            <source>Unfunded:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="71" />
            <source>Ineligible:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="72" />
            <source>Packs:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="92" />
            <source>Ineligible means: {meaning}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="111" />
            <source>{license}: no ticket period contains {day}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="117" />
            <source>{license}: this period runs {start} – {end}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="129" />
            <source>{used} of {allocated}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="137" />
            <source>{pack}: {left} of {tickets} left, until {day}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="147" />
            <source>none usable today</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LicenseDetail</name>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="76" />
            <source>← &amp;Back to all licenses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="78" />
            <source>Back to all licenses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="80" />
            <source>Back to all licenses ({key})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="115" />
            <source>License</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="120" />
            <source>License ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="121" />
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="122" />
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="123" />
            <source>Environment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="124" />
            <source>License type</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="125" />
            <source>Seats</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="126" />
            <source>Revision</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="127" />
            <source>Signed by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="142" />
            <source>&amp;Copy license ID</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="144" />
            <source>The ID to quote to the vendor, to the clipboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="160" />
            <source>Support &amp;&amp; Maintenance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="180" />
            <source>Check &amp;upgrades…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="189" />
            <source>Support tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="208" />
            <source>Warnings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="220" />
            <source>no environment named</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="222" />
            <source>{product} ({environment})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="233" />
            <source>{users}, {devices}</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/overview/detail.py" line="234" />
            <source>%n user(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/overview/detail.py" line="235" />
            <source>%n device(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="246" />
            <source>Support and Maintenance: {state}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="263" />
            <source>Starts on {start} and runs to {end}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="264" />
            <source>{start} to {end}: {countdown}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="273" />
            <source>Perpetual license: you may install and keep using every version released before {day}, whether or not Support &amp; Maintenance is renewed. Versions released from that day on need a renewal.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="279" />
            <source>Subscription: the right to use the product ends on {day} unless it is renewed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="281" />
            <source>Subscription: the right to use the product ended on {day}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="286" />
            <source>No release catalog of this product is imported.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="288" />
            <source>No release of the catalog is permitted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="291" />
            <source>Latest version you may install: {version}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="302" />
            <source>Request &amp;renewal…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="322" />
            <source>This period ({start} to {end})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="333" />
            <source>Support pack {pack}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="340" />
            <source>No ticket period or pack is usable today.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="346" />
            <source>{total} left in all, in support packs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="349" />
            <source>{total} left in all: {period} in this period, {packs} in support packs.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="356" />
            <source>Tickets can be used only on days Support &amp; Maintenance covers: renew to use them.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/overview/detail.py" line="363" />
            <source>%n product bug(s) this period: never deducted.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/overview/detail.py" line="369" />
            <source>%n ticket(s) were opened on a day Support &amp; Maintenance did not cover.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="375" />
            <source>Ineligible means recorded but not charged: the vendor need not take such a case. A renewal is backdated to the old expiry date, so one that covers that day makes the ticket count, and charges it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="384" />
            <source>Request &amp;packs…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="403" />
            <source>{left} of {total} left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="406" />
            <source>use before {day}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="417" />
            <source>Nothing else needs attention.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/detail.py" line="444" />
            <source>Copied {id} to the clipboard.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>LicensePage</name>
        <message>
            <location filename="../../ui/pages/license/page.py" line="92" />
            <source>Import a license key or other signed document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="104" />
            <source>&amp;Choose files…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="106" />
            <source>Choose files to import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="109" />
            <source>…or drop files here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="96" />
            <source>Choose the files the vendor sent, drop them anywhere on this page, or paste the key text from the e-mail. Each document is verified before it is imported; the files of one import are imported together or not at all.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="111" />
            <source>&amp;Paste the key text (the whole e-mail is fine):</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="114" />
            <source>License key text to verify and import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="116" />
            <source>-----BEGIN LICENSE-----
v4.public.…
-----END LICENSE-----</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="126" />
            <source>&amp;Verify and import</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="128" />
            <source>Verify and import the pasted text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="139" />
            <source>Outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="160" />
            <source>Show on &amp;Overview</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="163" />
            <source>&amp;Trust the signer…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="165" />
            <source>Add the signer's trust file in Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="187" />
            <source>Signed documents (*.paseto *.lic *.key *.txt *.eml)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="182" />
            <source>Import signed documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="188" />
            <source>All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="222" />
            <source>pasted text</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/page.py" line="234" />
            <source>Checking…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../ui/main_window.py" line="130" />
            <source>Entitlement Console</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="139" />
            <source>Pages</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="155" />
            <source>Working</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="145" />
            <location filename="../../ui/main_window.py" line="159" />
            <source>Loading…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="172" />
            <source>Overview</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="183" />
            <source>License</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="174" />
            <source>Tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="173" />
            <source>Licenses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="175" />
            <source>Upgrades</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="176" />
            <source>Requests</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="177" />
            <source>Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="186" />
            <source>&amp;License:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="189" />
            <source>License the pages show</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="192" />
            <location filename="../../ui/main_window.py" line="223" />
            <source>All licenses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="283" />
            <source>The console could not start</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="284" />
            <source>Not connected: check the database in Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="413" />
            <source>The action failed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="439" />
            <source>Open Settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="522" />
            <source>Opening the demo…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="527" />
            <source>Entitlement Console (demo mode)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="302" />
            <source>The data could not be loaded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="314" />
            <source> (demo mode)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="316" />
            <source>As of {day} · {database}{mode}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="363" />
            <source>Support &amp; Maintenance</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="379" />
            <source>Not ready</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="379" />
            <source>The database is not open yet.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="426" />
            <source>Something unexpected went wrong ({kind}); {where}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>OverviewPage</name>
        <message>
            <location filename="../../ui/pages/overview/__init__.py" line="136" />
            <source>&amp;Acknowledge…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/__init__.py" line="141" />
            <source>Show &amp;tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/__init__.py" line="143" />
            <source>Show &amp;documents</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/__init__.py" line="145" />
            <source>Trusted &amp;keys…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/__init__.py" line="147" />
            <source>&amp;Import license key…</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PacksSection</name>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="44" />
            <source>Number of support packs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="47" />
            <source>Number of p&amp;acks:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="52" />
            <source>Total:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="56" />
            <source>Purchase order number (required)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="57" />
            <source>required: packs are bought by purchase order</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="59" />
            <source>Purchase &amp;order:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="63" />
            <source>&amp;I understand that support packs are non-refundable (fees are earned when paid)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="67" />
            <source>Support packs are non-refundable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="71" />
            <source>Notes for the pack request</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="73" />
            <source>No&amp;tes:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="82" />
            <source>Support packs are bought for one license: choose it in the License selector above.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="88" />
            <source>For {license}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="93" />
            <source>{tickets} and {price} per pack, usable for {months} from its purchase. Packs are bought by purchase order; the fees are earned when paid and are non-refundable.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/requests/packs.py" line="99" />
            <source>%n month(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/requests/packs.py" line="112" />
            <source>{total} for {packs}: {tickets}</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/requests/packs.py" line="114" />
            <source>%n pack(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>PortfolioBalance</name>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="171" />
            <source>Each license has its own tickets. Choose one in the License selector (or double-click it here) to see its periods, packs and monthly chart.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="180" />
            <source>Ticket balance of every license</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="183" />
            <source>License</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="184" />
            <source>State</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="185" />
            <source>Used</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="186" />
            <source>Period left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="187" />
            <source>Total left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="188" />
            <source>Bugs (free)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="189" />
            <source>Unfunded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="190" />
            <source>Ineligible</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/balance.py" line="214" />
            <source>{used} of {allocated}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PortfolioModel</name>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="54" />
            <source>License</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="55" />
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="56" />
            <source>Environment</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="57" />
            <source>State</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="58" />
            <source>S&amp;M ends</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="59" />
            <source>Days</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="60" />
            <source>Tickets left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="61" />
            <source>Signed by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="142" />
            <source>{count} (not usable now)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="151" />
            <source>starts on {day}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="159" />
            <source>Left in the current period and in the packs usable today.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="161" />
            <source>Tickets can be used only on days Support &amp; Maintenance covers: renew to use them.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>PortfolioView</name>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="185" />
            <source>Licenses, most urgent first</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="201" />
            <source>No license counts in this run: the warnings above say why.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="207" />
            <source>Click a license, or move to it with the arrow keys and press Enter, to see its details: tickets, warnings, and what to do next.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="224" />
            <source>Every license is active</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/overview/portfolio.py" line="227" />
            <source>%n license(s), most urgent first.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/overview/portfolio.py" line="229" />
            <source>As of {day}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RenewalSection</name>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="81" />
            <source>Licenses to renew</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="84" />
            <source>Renew all &amp;due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="86" />
            <source>Renew every license that is due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="88" />
            <source>Ticks every license in its renewal window, expired or lapsed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="102" />
            <source>The least that makes it current</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="103" />
            <source>Years to renew each license</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="106" />
            <source>&amp;Years:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="111" />
            <source>Requested user seats</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="112" />
            <source>Requested device seats</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="113" />
            <source>&amp;Users:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="115" />
            <source>De&amp;vices:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="118" />
            <source>Seat change:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="122" />
            <source>Leave empty to keep the license's seats. A seat change has no estimate: the vendor quotes it (the price depends on the product category and seats).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="131" />
            <source>A renewal is backdated: it starts at the current S&amp;M expiry date, whenever it is bought.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="138" />
            <source>Estimate:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="143" />
            <source>Total:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="145" />
            <source>Notes for the renewal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="147" />
            <source>&amp;Notes:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="181" />
            <source>{license}: S&amp;M ends on {sm_end}; {users} and {devices}.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/requests/renewal.py" line="184" />
            <source>%n user(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/requests/renewal.py" line="185" />
            <source>%n device(s)</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="189" />
            <location filename="../../ui/pages/requests/renewal.py" line="192" />
            <source>unchanged ({count})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="197" />
            <source>One request for every license ticked, each with its own period and estimate. A seat change is asked for one license: choose it in the License selector above.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="203" />
            <source>No license yet: import the license key first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="293" />
            <source>{license}: with {years}, S&amp;M would still be expired on {day}; at least {minimum} are needed to be current.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="309" />
            <source>{amounts}. An estimate: the vendor's quote prevails.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="313" />
            <source>The seat change is quoted by the vendor, apart.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="315" />
            <source>No estimate: the vendor quotes a seat change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="321" />
            <source>{license}: {start} to {end} ({years})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="329" />
            <source>quote required (a seat change is priced by the vendor).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/renewal.py" line="334" />
            <source>+ a reinstatement fee of {fee} (S&amp;M expired more than {days} ago)</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>RequestsModel</name>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="39" />
            <source>No.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="40" />
            <source>Created</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="41" />
            <source>Request</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="42" />
            <source>Licenses</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="43" />
            <source>Sent by</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/history.py" line="44" />
            <source>Status</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/requests/history.py" line="83" />
            <source>%n support pack(s), PO {po}</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>RequestsPage</name>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="87" />
            <source>Kind of request</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="88" />
            <source>&amp;Renewal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="89" />
            <source>Extra support pac&amp;ks</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="208" />
            <source>Estimating…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="181" />
            <source>The request is not complete</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="230" />
            <source>The renewal could not be estimated</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="248" />
            <source>No mail program is set up on this computer. Send by SMTP, save the request as files, or copy it to the clipboard instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="256" />
            <source>Opened in your mail program, addressed to {to}. Once you have sent it, click Mark as sent to record it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="275" />
            <source>Copied: paste it into a message to {to}. Once you have sent it, click Mark as sent to record it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="307" />
            <source>Sending…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="317" />
            <source>The request could not be sent by e-mail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="330" />
            <source>Save the request in folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="360" />
            <source>Request no. {id} recorded as sent to {to}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="246" />
            <source>No mail program opened the message</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="347" />
            <source>Request no. {id} saved as {json} and {text}. Attach them to a request on the support portal, or send them to {to}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/__init__.py" line="356" />
            <source>Request no. {id} sent to {to}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SendBox</name>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="83" />
            <source>Send</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="98" />
            <source>Open in mail pro&amp;gram</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="99" />
            <source>Opens a new message in your mail program; nothing is recorded yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="102" />
            <source>&amp;Copy to clipboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="103" />
            <source>Copies the recipient, subject and text; nothing is recorded yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="106" />
            <source>Mar&amp;k as sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="107" />
            <source>Records the request you opened or copied as sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="110" />
            <source>Send by &amp;SMTP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="111" />
            <source>Sends it through the SMTP server set in Settings, and records it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="114" />
            <source>Sa&amp;ve as files…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="115" />
            <source>Saves it as JSON and text for the support portal, and records it</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="137" />
            <source>To: {address}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="141" />
            <source>Choose at least one license to renew.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="143" />
            <source>Support packs are bought for one license: choose it in the License selector.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="146" />
            <source>Enter the purchase order number: packs are bought by purchase order.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/requests/delivery.py" line="149" />
            <source>Tick the box to confirm that support packs are non-refundable.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="101" />
            <source>&amp;Save settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="105" />
            <source>Und&amp;o changes</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="107" />
            <source>Undo changes not saved yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="142" />
            <location filename="../../ui/pages/settings/page.py" line="268" />
            <source>Database</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="147" />
            <source>Database file or URL</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="149" />
            <source>empty: the built-in SQLite file in the data folder</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="151" />
            <source>&amp;Browse…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="153" />
            <source>Choose a SQLite database file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="157" />
            <source>&amp;Database:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="160" />
            <source>A file path (SQLite) or a SQLAlchemy URL such as postgresql+psycopg://user:password@server/entitlements. A password in the URL goes to the system keyring, never to the settings file (a PGPASSFILE works too). The change takes effect at the next start.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="171" />
            <source>E-mail by SMTP</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="173" />
            <location filename="../../ui/pages/settings/page.py" line="269" />
            <source>SMTP server</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="174" />
            <source>e.g. smtp.example.com</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="175" />
            <source>SMTP ser&amp;ver:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="178" />
            <location filename="../../ui/pages/settings/page.py" line="271" />
            <source>SMTP security</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="180" />
            <source>STARTTLS (usually port 587)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="181" />
            <source>SSL/TLS (usually port 465)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="182" />
            <source>None (unencrypted, local relays only)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="186" />
            <source>Sec&amp;urity:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="187" />
            <location filename="../../ui/pages/settings/page.py" line="270" />
            <source>SMTP port</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="188" />
            <source>&amp;Port:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="189" />
            <location filename="../../ui/pages/settings/page.py" line="272" />
            <source>SMTP user name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="190" />
            <source>empty: the server needs no sign-in</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="191" />
            <source>User &amp;name:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="194" />
            <source>SMTP password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="197" />
            <source>type to save a new password in the system keyring</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="202" />
            <source>Forge&amp;t password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="204" />
            <source>Forget the saved SMTP password</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="208" />
            <source>Pass&amp;word:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="209" />
            <source>Checking the system keyring…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="214" />
            <source>Sender e-mail address</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="215" />
            <source>empty: the user name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="216" />
            <source>S&amp;ender:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="220" />
            <source>Reminders</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="224" />
            <source>Days before the S&amp;M expiry to remind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="233" />
            <source>Warn when this many tickets or fewer are left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="346" />
            <source>SQLite database file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="459" />
            <source>The database password was not saved: {reason}. Use a PGPASSFILE instead.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="482" />
            <source>The settings were not saved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="449" />
            <source>Settings saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="452" />
            <source>The database password is in the system keyring.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="454" />
            <source>The database setting takes effect at the next start.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="417" />
            <source>“{url}” is neither a file path nor a database URL (such as postgresql+psycopg://user@server/entitlements). Nothing was saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="228" />
            <source>Days before e&amp;xpiry to remind:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="238" />
            <source>Warn when tickets &amp;left are at most:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="273" />
            <source>Sender</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="274" />
            <source>Remind before expiry</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="275" />
            <source>Warn at low tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="276" />
            <source>Contact name</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="277" />
            <source>Contact e-mail</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="278" />
            <source>Contact phone</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="316" />
            <source>could not be read</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="317" />
            <source>is larger than 1 MiB</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="318" />
            <source>is not valid JSON</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="319" />
            <source>does not hold settings</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="323" />
            <source>The settings file {reason}: every setting is at its default until you save.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="327" />
            <source>Some saved settings were not usable and are at their defaults until you save: {fields}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="351" />
            <source>SQLite databases (*.sqlite3 *.sqlite *.db)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="351" />
            <source>All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="394" />
            <source>{field} must be from {low} to {high}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="398" />
            <source>{field} must be one of the choices offered.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="401" />
            <source>{field} must be one line (no control characters) of at most {count} characters.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="404" />
            <source>Nothing was saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="438" />
            <source>Saving…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="468" />
            <source>The SMTP password was not saved: {reason}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="475" />
            <location filename="../../ui/pages/settings/page.py" line="516" />
            <source>The SMTP password is saved in the system keyring.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="486" />
            <source>The settings were not saved ({reason}); they apply to this session only.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="518" />
            <source>No SMTP password is saved.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/page.py" line="502" />
            <source>The SMTP password is kept for this session only (no keyring).</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TicketActions</name>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="51" />
            <source>&amp;Add ticket…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="51" />
            <source>Add a local ticket (Ctrl+N)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="54" />
            <location filename="../../ui/pages/tickets/actions.py" line="157" />
            <source>&amp;Edit…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="54" />
            <source>Edit or look at the selected ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="57" />
            <source>&amp;Dispute…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="59" />
            <source>Record that you disagree with the vendor's record of the selected ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="62" />
            <source>&amp;Withdraw dispute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="64" />
            <source>Withdraw your disputes of the selected tickets</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="67" />
            <source>Assig&amp;n to license…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="69" />
            <source>Assign the selected local tickets, or every unassigned one, to a license</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="72" />
            <source>Classify as product &amp;bug</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="74" />
            <source>Product bugs are never deducted; a vendor ticket gets a dispute instead</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="77" />
            <source>Classify as &amp;customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="79" />
            <source>Customer tickets are charged; a vendor ticket gets a dispute instead</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="82" />
            <source>&amp;Import CSV…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="84" />
            <source>Import local tickets from a CSV file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="87" />
            <source>E&amp;xport CSV…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="89" />
            <source>Export the tickets shown, in the order shown, to a CSV file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="115" />
            <source>&amp;More</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="116" />
            <source>More ticket actions</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="157" />
            <source>&amp;View…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="205" />
            <source>No license yet</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="206" />
            <source>Every ticket belongs to a license: import a license key first.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/tickets/actions.py" line="266" />
            <source>Assigned %n ticket(s) to {license}.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/tickets/actions.py" line="296" />
            <source>Reclassified %n local ticket(s).</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/tickets/actions.py" line="300" />
            <source>Recorded a dispute for %n vendor ticket(s): the vendor's classification still counts until a new statement agrees.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/tickets/actions.py" line="307" />
            <source>Nothing changed.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/tickets/actions.py" line="321" />
            <source>Withdrew %n dispute(s).</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
    </context>
    <context>
        <name>TicketDialog</name>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="158" />
            <source>Edit ticket {case}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="156" />
            <source>Add a ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="152" />
            <source>Vendor ticket {case}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="174" />
            <source>Case id:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="175" />
            <source>License:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="176" />
            <source>Opened on:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="177" />
            <source>Kind:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="180" />
            <source>Classification:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="183" />
            <source>Category:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="184" />
            <source>Title:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="190" />
            <source>The vendor's signed record: it cannot be changed here.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="204" />
            <source>Change the &amp;dispute…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="204" />
            <source>&amp;Dispute…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="208" />
            <source>Record that you disagree with the vendor's record of this ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="231" />
            <source>e.g. CS-1042</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="232" />
            <source>Case id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="235" />
            <source>License</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="238" />
            <source>Choose a license…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="246" />
            <source>Opened on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="247" />
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="249" />
            <source>Classification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="251" />
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="254" />
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="256" />
            <source>&amp;Case id:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="257" />
            <source>&amp;License:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="258" />
            <source>&amp;Opened on:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="259" />
            <source>&amp;Kind:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="260" />
            <source>Classi&amp;fication:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="261" />
            <source>Ca&amp;tegory:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="262" />
            <source>T&amp;itle:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="268" />
            <location filename="../../ui/ticket_dialog.py" line="343" />
            <source>Checking eligibility…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="271" />
            <source>Eligibility</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="280" />
            <source>Save the ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="288" />
            <source>The case id of a stored ticket does not change.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="361" />
            <source>Choose a license to see whether such a case is eligible.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="400" />
            <source>The eligibility could not be checked</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="406" />
            <source>Eligible on {day}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="408" />
            <source>Not eligible on {day}: {reasons}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_dialog.py" line="447" />
            <source>The ticket was not saved</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TicketModel</name>
        <message>
            <location filename="../../ui/ticket_model.py" line="219" />
            <source>Case</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="220" />
            <source>Opened</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="222" />
            <source>License</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="223" />
            <source>Kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="224" />
            <source>Classification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="225" />
            <source>Category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="229" />
            <source>Dispute</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="232" />
            <source>Vendor: from a signed statement, read-only. Local: yours.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="233" />
            <source>The ticket period or the support pack the ticket drew from</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="234" />
            <source>Your disagreement with the vendor's record, if any</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="221" />
            <source>Title</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="226" />
            <source>Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="227" />
            <source>Outcome</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/ticket_model.py" line="228" />
            <source>Drawn from</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TicketsPage</name>
        <message>
            <location filename="../../ui/pages/tickets/page.py" line="131" />
            <source>Ticket ledger</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/page.py" line="103" />
            <source>The selected ticket</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/page.py" line="312" />
            <source>Select a ticket to see what it cost and why.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/tickets/page.py" line="317" />
            <source>{case} ({source}, {license}): {outcome}. {why}</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>TrustedKeysSection</name>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="56" />
            <location filename="../../ui/pages/settings/trusted_keys.py" line="78" />
            <source>Trusted keys</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="65" />
            <source>Documents count only when a key listed here signed them. The vendor's keys ship with the console; add a key only from a trust file the vendor gave you.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="77" />
            <source>Key id</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="77" />
            <source>Source</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="77" />
            <source>Origin</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="83" />
            <source>&amp;Add trusted key…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="85" />
            <source>Add the keys of a trust file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="87" />
            <source>Re&amp;move</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="89" />
            <source>Remove the selected added key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="129" />
            <source>shipped with the console</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="131" />
            <source>built in; counts in demo mode only</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="133" />
            <source>this console's trusted-keys file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="144" />
            <source>added; being applied…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="168" />
            <source>The document was signed by key {kid}, which this console does not trust.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="171" />
            <source>The document was signed by a key this console does not trust.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="177" />
            <source>A public key cannot be taken from a signed document: only the vendor's trust file (a .json file holding "keys") can add it. Choose the trust file the vendor gave you; every key id is shown before anything is added.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="197" />
            <source>Choose the vendor's trust file</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="200" />
            <source>Trust files (*.json)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="200" />
            <source>All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="215" />
            <source>Reading {file}…</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/settings/trusted_keys.py" line="226" />
            <source>Add %n key(s) of {file} to the keys this console trusts?</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="232" />
            <source>Documents signed by these keys will count as the vendor's: add only keys the vendor gave you.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="240" />
            <source>None of these keys signed the document you imported ({kid}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="247" />
            <source>Add trusted keys</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="249" />
            <source>&amp;Add</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/settings/trusted_keys.py" line="263" />
            <source>Added %n key(s): {kids}.</source>
            <translation type="unfinished">
                <numerusform />
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="277" />
            <source>Remove a trusted key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="279" />
            <source>Remove key {kid}?

Documents only this key signed will stop counting: they are listed on the Licenses page as documents that do not count.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="282" />
            <source>&amp;Remove</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="296" />
            <source>Removed key {kid}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="306" />
            <source>The change counts now: every stored document is checked again with the keys trusted now.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/settings/trusted_keys.py" line="322" />
            <source>The trusted keys could not be changed</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>UpgradesPage</name>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="96" />
            <source>Releases you may install</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="101" />
            <source>Version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="101" />
            <source>Released on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="101" />
            <location filename="../../ui/pages/upgrades/page.py" line="258" />
            <source>Permitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="101" />
            <source>Why</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="105" />
            <source>Versions in the release catalog</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="112" />
            <source>&amp;Import release catalog…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="115" />
            <source>Request &amp;renewal…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="132" />
            <source>Check a version</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="137" />
            <source>Version to check</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="138" />
            <source>e.g. 12.0</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="142" />
            <source>&amp;Version:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="149" />
            <source>&amp;Release date:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="157" />
            <source>C&amp;heck</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="159" />
            <source>Check whether this version is permitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="210" />
            <source>No valid license: import the license key first.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="225" />
            <source>No release catalog for {product} is stored yet: import the vendor's release catalog, or check a version below.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="81" />
            <source>For &amp;license:</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="84" />
            <source>License whose upgrades are shown</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="147" />
            <source>Release date of the version (YYYY-MM-DD)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="216" />
            <source>{license}: {product}, Support &amp; Maintenance until {day}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="234" />
            <source>Latest version {license} may install: {version}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="239" />
            <source>No version of the catalog is permitted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="258" />
            <source>Not permitted</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="283" />
            <source>Import a release catalog</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="287" />
            <source>Signed documents (*.paseto *.txt)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="287" />
            <source>All files (*)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="296" />
            <location filename="../../ui/pages/upgrades/page.py" line="375" />
            <source>Checking…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="325" />
            <source>Released on {day}, according to the vendor's release catalog.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="345" />
            <source>“{version}” is not a version number (e.g. 12.0 or 11.1.2).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="356" />
            <source>Type the release date as YYYY-MM-DD (e.g. 2025-05-20).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="381" />
            <source>Version {version}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="386" />
            <source>{what}, released on {day}: permitted for {license}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="388" />
            <source>{what}, released on {day}: not permitted for {license}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="394" />
            <source>The release date is the one in the vendor's release catalog (the date field is not used).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/upgrades/page.py" line="383" />
            <source>A version</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>UsageChart</name>
        <message>
            <location filename="../../ui/usage_chart.py" line="66" />
            <source>Monthly ticket usage</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/usage_chart.py" line="106" />
            <source>No support pack is usable today.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/usage_chart.py" line="107" />
            <source>Support packs usable today: {packs}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/usage_chart.py" line="123" />
            <source>No ticket period contains today.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/usage_chart.py" line="96" />
            <source>{month}: {annual} from the period, {packs} from packs, {bugs} product bugs (free)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/usage_chart.py" line="109" />
            <source>{pack}, {left} of {tickets} left, until {end}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/usage_chart.py" line="128" />
            <source>Period {start} to {end}: {allocation} allotted; {annual} drawn from the period, {packs} from packs, {bugs} not deducted (product bugs).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/usage_chart.py" line="171" />
            <source>No current period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/usage_chart.py" line="270" />
            <source>From the period</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/usage_chart.py" line="271" />
            <source>From packs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/usage_chart.py" line="272" />
            <source>Product bugs (free)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/usage_chart.py" line="275" />
            <source>Allocation ({count})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/usage_chart.py" line="278" />
            <source>Period used so far</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>WelcomeView</name>
        <message>
            <location filename="../../ui/pages/overview/welcome.py" line="85" />
            <source>Welcome to Entitlement Console</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/welcome.py" line="91" />
            <source>The console reads the license keys your vendor signs and tells you, offline, what each license covers, when its Support &amp; Maintenance ends, how many support tickets are left and which versions you may install. It also prepares renewal and support-pack requests for the vendor, in a click.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/welcome.py" line="101" />
            <source>&amp;Import license key…</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/welcome.py" line="103" />
            <source>Import license key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/welcome.py" line="115" />
            <source>…or drop the key files the vendor sent here (several at once are fine).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/welcome.py" line="129" />
            <source>Want to look around first? The demo opens a sample portfolio of three licenses in a database of its own; your data is not touched.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/welcome.py" line="134" />
            <source>Try the &amp;demo</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/overview/welcome.py" line="144" />
            <source>The vendor e-mails license keys; ask {address} if you have none.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Confirm</name>
        <message>
            <location filename="../../ui/confirm.py" line="79" />
            <source>Acknowledge the clock</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/confirm.py" line="88" />
            <source>&amp;Acknowledge</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/confirm.py" line="80" />
            <source>Acknowledge that {seen} came from a clock that was ahead?

Do this only if the system clock was set ahead when the console saw that date, and today's date ({today}) is right. If the clock is wrong now, correct it instead.

The acknowledgement is recorded with today's date; the console stops warning about {seen}, and still warns if the clock goes back before a date it sees later.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>ImportOutcome</name>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="157" />
            <source>Already imported: nothing changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="218" />
            <source>The files of one import are imported together or not at all: leave out or replace the refused file, then import again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="224" />
            <source>Nothing was imported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="102" />
            <source>License {license} revision {revision} for {customer}: {product}; Support &amp; Maintenance until {day}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="137" />
            <source>Signed by {signer}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="150" />
            <source>{file}: </source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="174" />
            <source>A key can be trusted only from the vendor's trust file, not from a document: if the vendor gave you that file, choose “Trust the signer…”, then import again.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="99" />
            <source>{product} ({environment})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="116" />
            <source>Support pack {pack} for license {license}</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/license/outcome.py" line="136" />
            <source>Revocation list naming %n license(s).</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="210" />
            <source>Imported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="210" />
            <source>Already imported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="114" />
            <source>State: {state}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="121" />
            <source>: {tickets}, usable until {day}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="127" />
            <source>Ticket statement for license {license} with {tickets}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="163" />
            <source>A valid {what}, not imported because another file of this import was refused.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="186" />
            <source>Detail: {detail}</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/pages/license/outcome.py" line="131" />
            <source>Release catalog of {product} with %n release(s).</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/pages/license/outcome.py" line="169" />
            <source>Its key id is {kid}.</source>
            <translation type="unfinished" />
        </message>
    </context>
    <context>
        <name>Wording</name>
        <message numerus="yes">
            <location filename="../../ui/wording.py" line="84" />
            <source>%n day(s)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/wording.py" line="88" />
            <source>%n ticket(s)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/wording.py" line="92" />
            <source>%n year(s)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/wording.py" line="96" />
            <source>%n license(s)</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/wording.py" line="100" />
            <source>%n license(s) need attention</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/wording.py" line="110" />
            <source>ended %n day(s) ago</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/wording.py" line="482" />
            <source>Unassigned</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="492" />
            <source>Entered in this console: you can edit it and assign it to a license.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/wording.py" line="107" />
            <source>%n day(s) left</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/wording.py" line="109" />
            <source>ends today</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="245" />
            <source>document</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="250" />
            <source>No license</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="385" />
            <source>The document was refused.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="444" />
            <source>Drew from no ticket period and no support pack.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="488" />
            <source>From the vendor's signed statement: read-only here. If you disagree, record a dispute; it changes no balance until a later statement agrees.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="523" />
            <source>No reason given.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="181" />
            <source>No support tickets are left. Product-bug reports stay free; a support pack adds more.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/wording.py" line="186" />
            <source>%n ticket(s) this period found no ticket left to draw from.</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/wording.py" line="199" />
            <source>No license key has been imported yet.</source>
            <translation type="unfinished" />
        </message>
        <message numerus="yes">
            <location filename="../../ui/wording.py" line="211" />
            <source>%n vendor ticket(s) disputed; the vendor's record counts until a statement agrees.</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message numerus="yes">
            <location filename="../../ui/wording.py" line="217" />
            <source>%n local ticket(s) belong to no license: assign them on the Tickets page.</source>
            <translation type="unfinished">
                <numerusform />
            </translation>
        </message>
        <message>
            <location filename="../../ui/wording.py" line="233" />
            <source>The perpetual license keeps working, with every version released before {day}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="252" />
            <source>Not started</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="253" />
            <source>Active</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="254" />
            <source>Renewal due</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="255" />
            <source>Expired</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="256" />
            <source>Lapsed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="261" />
            <source>Perpetual</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="261" />
            <source>Subscription</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="268" />
            <source>the vendor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="269" />
            <source>a key you added</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="270" />
            <source>the demo key (demo mode)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="276" />
            <source>there is no valid license</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="277" />
            <source>S&amp;M does not cover this day</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="278" />
            <source>this category is not included in S&amp;M</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="279" />
            <source>no support tickets are left</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="285" />
            <source>Charged</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="286" />
            <source>Unfunded</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="287" />
            <source>Product bug (free)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="288" />
            <source>Out of scope</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="289" />
            <source>Ineligible</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="296" />
            <source>Drew one ticket from the period or a pack.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="297" />
            <source>No ticket was left to draw from when it was opened.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="298" />
            <source>A product bug: never deducted.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="299" />
            <source>Its category is not included in S&amp;M: recorded, not charged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="300" />
            <source>Opened on a day S&amp;M did not cover: not charged (a backdated renewal can change it).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="303" />
            <source>Belongs to no license yet: assign it to one.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="308" />
            <source>Local</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="308" />
            <source>Vendor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="312" />
            <source>Incident</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="312" />
            <source>Service request</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="318" />
            <source>Customer</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="318" />
            <source>Product bug</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="325" />
            <source>Product</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="326" />
            <source>Upgrade</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="327" />
            <source>Licensing</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="328" />
            <source>System Center apps</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="329" />
            <source>Installation</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="330" />
            <source>Consulting</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="331" />
            <source>Customization</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="332" />
            <source>Training</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="338" />
            <source>Disputed</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="339" />
            <source>Dispute resolved: the vendor agrees</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="340" />
            <source>Disputed (no statement holds it now)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="390" />
            <source>Imported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="391" />
            <source>Already imported</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="392" />
            <source>Refused</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="393" />
            <source>Unreadable</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="394" />
            <source>Not imported (another file was refused)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="404" />
            <source>Only {tickets} left for {license} (your low-ticket threshold).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="410" />
            <source>Renewal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="410" />
            <source>Support packs</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="415" />
            <source>Mail program</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="416" />
            <source>E-mail (SMTP)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="417" />
            <source>File for the portal</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="418" />
            <source>Clipboard</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="424" />
            <source>Saved; waiting for the vendor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="425" />
            <source>Opened in the mail program; not marked as sent</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="426" />
            <source>Sent; waiting for the vendor</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="427" />
            <source>Cancelled</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="428" />
            <source>Fulfilled (a license covering it was imported)</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="438" />
            <source>Pack {pack}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="449" />
            <source>Drew from support pack {pack}, usable {start} to {end}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="458" />
            <source>Resolved</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="468" />
            <source>Added</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="469" />
            <source>Demo key</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="475" />
            <source>Renew {years} (to {day}) to unlock {versions}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="525" />
            <source>Disputed by {who} on {day}: {claims}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="191" />
            <source>No stored license verifies with the keys this console trusts: see the documents listed on the License page.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="240" />
            <source>license</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="241" />
            <source>support pack</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="242" />
            <source>ticket statement</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="243" />
            <source>release catalog</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="244" />
            <source>revocation list</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="371" />
            <source>The file is too large to be a license document (over 64 KiB).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="372" />
            <source>This is not a readable license key: it may be truncated or damaged.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="373" />
            <source>This document uses a format this console does not accept.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="374" />
            <source>The document was signed by a key this console does not trust.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="375" />
            <source>The signature does not match: the document was changed after signing.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="378" />
            <source>This is a different kind of document than expected.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="379" />
            <source>The document is signed, but its contents are incomplete or invalid.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="380" />
            <source>The vendor has revoked this license.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="381" />
            <source>An older revision than the license already stored: nothing changed.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="382" />
            <source>This revision is already stored with different contents.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="383" />
            <source>This support pack is already stored with different contents.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="384" />
            <source>The file could not be read.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="401" />
            <source>Your reminder: Support &amp; Maintenance of {license} expires in {days}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="437" />
            <source>Period from {day}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="446" />
            <source>Drew from the ticket period {start} to {end}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="499" />
            <source>{field} {mine} (the vendor: {theirs})</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="521" />
            <source>Why: {reason}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="145" />
            <source>Support &amp; Maintenance starts on {day}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="147" />
            <source>Support &amp; Maintenance expires on {day}, in {days}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="151" />
            <source>Support &amp; Maintenance expired on {day}. Renew before {fee_day} to avoid the reinstatement fee.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="157" />
            <source>Support &amp; Maintenance expired on {day}, {days} ago: a renewal now carries the {percent}% reinstatement fee.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="167" />
            <source>The subscription ended on {day}: the right to use the product has ended.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="171" />
            <source>{tickets} of this period expire on {day}: use them before then.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="175" />
            <source>Support pack {pack}: {tickets} expire on {day}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="201" />
            <source>A stored {what} {name} does not count: {detail}</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="207" />
            <source>Counted only because you trust a key besides the vendor's: {documents}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="222" />
            <source>The system date {today} is before {seen}, a date this console has already seen. Check the clock; the perpetual right is not affected.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="227" />
            <source>The date {seen} came from a clock that was ahead (acknowledged on {day}).</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="348" />
            <source>Released before the S&amp;M expiry date {day}.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="350" />
            <source>Released on or after the S&amp;M expiry date {day}. A renewal of {years} (to {end}) would permit it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="359" />
            <source>The subscription ended on {day}. A renewal of {years} (to {end}) would permit it.</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="502" />
            <source>opened on</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="506" />
            <source>kind</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="508" />
            <source>classification</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="513" />
            <source>category</source>
            <translation type="unfinished" />
        </message>
        <message>
            <location filename="../../ui/wording.py" line="196" />
            <source>The vendor revoked every stored license ({ids}).</source>
            <translation type="unfinished" />
        </message>
    </context>
</TS>

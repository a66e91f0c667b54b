<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>LicensePage</name>
    <message>
        <location filename="../../ui/pages/license.py" line="261"/>
        <source>Import a license key or other signed document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="265"/>
        <source>Choose the files the vendor sent, drop them anywhere on this page, or paste the key text from the e-mail. Each document is verified before it is imported; several files are imported together or not at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="273"/>
        <source>&amp;Choose files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="275"/>
        <source>Choose files to import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="278"/>
        <source>…or drop files here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="282"/>
        <source>&amp;Paste the key text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="285"/>
        <source>License key text to verify and import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="287"/>
        <source>-----BEGIN LICENSE-----
v4.public.…
-----END LICENSE-----</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="297"/>
        <source>&amp;Verify and import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="299"/>
        <source>Verify and import the pasted text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="310"/>
        <source>Verification and import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="312"/>
        <source>Nothing checked yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="321"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="322"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="323"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="324"/>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="325"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="326"/>
        <location filename="../../ui/pages/license.py" line="351"/>
        <source>Signed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="327"/>
        <location filename="../../ui/pages/license.py" line="365"/>
        <source>Key id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="332"/>
        <source>Outcome of each file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="339"/>
        <source>Revision history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="347"/>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="348"/>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="349"/>
        <source>Issued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="350"/>
        <source>S&amp;M end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="352"/>
        <source>Imported at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="357"/>
        <source>License revision history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="363"/>
        <location filename="../../ui/pages/license.py" line="366"/>
        <source>Trusted keys in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="365"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="375"/>
        <source>the vendor&apos;s key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="376"/>
        <source>the demo key (trusted in demo mode only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="377"/>
        <source>an additional trusted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="383"/>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="384"/>
        <source>Demo (demo mode only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="385"/>
        <source>Additional trust file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="390"/>
        <source>license</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="391"/>
        <source>support pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="392"/>
        <source>ticket statement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="393"/>
        <source>release catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="394"/>
        <source>revocation list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="395"/>
        <location filename="../../ui/pages/license.py" line="396"/>
        <source>document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="400"/>
        <source>Imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="401"/>
        <source>Already imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="402"/>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="403"/>
        <location filename="../../ui/pages/license.py" line="540"/>
        <source>Not read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="404"/>
        <location filename="../../ui/pages/license.py" line="561"/>
        <source>Not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="411"/>
        <source>Import signed documents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="416"/>
        <source>Signed documents (*.paseto *.lic *.key *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="417"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="447"/>
        <source>Paste the key text first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="450"/>
        <source>pasted text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="462"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="479"/>
        <source>{file}: not imported. {reason}
Technical detail: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="497"/>
        <source>{file}: {reason}
Technical detail: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="502"/>
        <source>{file}: valid {type}, key {kid}, signed by {trust}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="509"/>
        <source>{file}: not valid. {reason}
Technical detail: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="516"/>
        <location filename="../../ui/pages/license.py" line="523"/>
        <source>Nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="520"/>
        <source>Nothing was imported: the files are imported together, and at least one was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="526"/>
        <source>Already imported: nothing changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="527"/>
        <source>Imported {count} document(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="537"/>
        <source>Valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="540"/>
        <source>Not valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="553"/>
        <source>Valid, but another file of the batch was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="609"/>
        <source>No valid license is in use: import the license key above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/license.py" line="613"/>
        <source>In use: {license} revision {revision}, signed by {trust}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="93"/>
        <source>Entitlement Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="101"/>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="127"/>
        <source>Working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="110"/>
        <location filename="../../ui/main_window.py" line="131"/>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="113"/>
        <source>Overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="114"/>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="115"/>
        <source>Tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="116"/>
        <source>Upgrades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="117"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="118"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="195"/>
        <source>The console could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="196"/>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>The data could not be loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220"/>
        <source> (demo mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="222"/>
        <source>As of {day} · {database}{mode}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="255"/>
        <source>Support &amp; Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="267"/>
        <source>Not ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="267"/>
        <source>The database is not open yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="277"/>
        <source>That did not work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="288"/>
        <source>Something unexpected went wrong ({kind}); {where}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="313"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="314"/>
        <source>&amp;Import documents…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="322"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="323"/>
        <source>&amp;About</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../ui/pages/overview.py" line="81"/>
        <source>License</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="85"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="86"/>
        <source>Product</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="87"/>
        <source>License type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="88"/>
        <source>Seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="89"/>
        <source>Revision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="90"/>
        <source>Signed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="104"/>
        <source>Support &amp;&amp; Maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="117"/>
        <source>Support tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="121"/>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="138"/>
        <source>No license</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="140"/>
        <source>Import the license key on the License page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="147"/>
        <source>Perpetual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="149"/>
        <source>Subscription</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="152"/>
        <source>{users} users, {devices} devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="158"/>
        <source>the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="159"/>
        <source>the demo key (demo mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="160"/>
        <source>an additional trusted key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="165"/>
        <source>S&amp;M state: {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="171"/>
        <source>{start} to {end}: {days} day(s) left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="175"/>
        <source>{start} to {end}: ended {days} day(s) ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="183"/>
        <source>This period ({start} to {end})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="189"/>
        <location filename="../../ui/pages/overview.py" line="198"/>
        <source>use before {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="195"/>
        <source>Support pack {pack}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="203"/>
        <source>{left} ticket(s) left in all · {bugs} product bug(s) not deducted · {unfunded} unfunded · {ineligible} ineligible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="217"/>
        <source>None.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="229"/>
        <location filename="../../ui/pages/overview.py" line="236"/>
        <location filename="../../ui/pages/overview.py" line="242"/>
        <source>Request renewal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="259"/>
        <source>No ticket period or pack is usable today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/overview.py" line="269"/>
        <source>{left} of {total} left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <location filename="../../ui/pages/requests.py" line="131"/>
        <source>No.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="132"/>
        <source>Created (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="133"/>
        <source>Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="134"/>
        <source>Sent by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="135"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="136"/>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="200"/>
        <source>Renewal, {years} year(s) to {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="204"/>
        <source> (quote required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="207"/>
        <source>{count} support pack(s), PO {po}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="214"/>
        <source>Mail program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="215"/>
        <source>SMTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="216"/>
        <source>File for the portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="217"/>
        <source>Clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="222"/>
        <source>Saved; waiting for the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="223"/>
        <source>Opened in the mail program; waiting for the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="224"/>
        <source>Sent; waiting for the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="225"/>
        <source>Copied; waiting for the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="226"/>
        <source>Fulfilled (a license covering it was imported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="227"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <location filename="../../ui/pages/requests.py" line="256"/>
        <source>Kind of request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="257"/>
        <source>&amp;Renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="258"/>
        <source>Extra support pac&amp;ks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="272"/>
        <source>No license yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="283"/>
        <source> year(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="284"/>
        <source>Years to renew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="291"/>
        <source>&amp;Years:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="304"/>
        <source>Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="310"/>
        <source>Estimate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="315"/>
        <source>Requested user seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="316"/>
        <source>Requested device seats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="317"/>
        <source>&amp;Users:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="319"/>
        <source>&amp;Devices:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="322"/>
        <source>Seat change:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="325"/>
        <source>Leave empty to keep the current seats. A seat change has no estimate: the vendor quotes it (the price depends on the product category and seats).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="332"/>
        <source>Notes for the renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="333"/>
        <source>&amp;Notes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="339"/>
        <source>Loading the vendor&apos;s terms…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="348"/>
        <source>Number of support packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="350"/>
        <source>Number of p&amp;acks:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="355"/>
        <source>Total:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="359"/>
        <source>Purchase order number (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="360"/>
        <source>required: packs are bought by purchase order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="362"/>
        <source>Purchase &amp;order:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="366"/>
        <source>&amp;I understand that support packs are non-refundable (fees are earned when paid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="370"/>
        <source>Support packs are non-refundable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="374"/>
        <source>Notes for the pack request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="375"/>
        <source>No&amp;tes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="379"/>
        <source>Your contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="383"/>
        <source>Contact name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="386"/>
        <source>Contact e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="389"/>
        <source>Contact phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="391"/>
        <source>Na&amp;me:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="392"/>
        <source>&amp;E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="393"/>
        <source>&amp;Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="394"/>
        <source>Remem&amp;ber these details for the next request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="396"/>
        <source>Remember the contact details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="402"/>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="411"/>
        <source>Open in mail pro&amp;gram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="411"/>
        <source>Opens a new message to {to}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="413"/>
        <source>Send by &amp;SMTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="414"/>
        <source>Sends to {to} through the SMTP server set in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="417"/>
        <source>Sa&amp;ve file for the portal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="418"/>
        <source>Saves the request as JSON and text, to attach on the support portal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="421"/>
        <source>&amp;Copy to clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="422"/>
        <source>Copies the subject and the text, to paste anywhere</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="446"/>
        <source>Requests made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="451"/>
        <source>Requests made and their status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="464"/>
        <source>A renewal request is marked fulfilled when a license revision that covers its period is imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="512"/>
        <source>No license yet: import the license key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="521"/>
        <source>License {license} (revision {revision}) for {customer}: S&amp;M expires on {sm_end}; current seats: {users} users, {devices} devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="532"/>
        <location filename="../../ui/pages/requests.py" line="534"/>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="552"/>
        <source>{tickets} tickets and {price} per pack. A pack&apos;s tickets are usable for {months} months from its purchase. Packs are bought by purchase order; the fees are earned when paid and are non-refundable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="593"/>
        <source>Estimating…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="610"/>
        <source>At least {min} year(s) make S&amp;M current on {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="619"/>
        <source>{years} year(s) would leave S&amp;M expired: the renewal ends on {end}, before {day}. Renew for at least {min} year(s) to be current.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="631"/>
        <source>{start} to {end}. A renewal is backdated: it always starts at the current expiry date, whenever it is bought.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="638"/>
        <source>Quote required: a seat change is priced by the vendor (it depends on the product category and seats), so the request carries no estimate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="643"/>
        <source>{base} {currency} for {years} year(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="649"/>
        <source> + a reinstatement fee of {fee} {currency} ({percent}% of the base: S&amp;M expired more than {days} days ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="659"/>
        <source> + a reinstatement fee of {fee} {currency} (S&amp;M expired too long ago)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="662"/>
        <source> = {total} {currency} in all. An estimate: the vendor&apos;s quote prevails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="676"/>
        <source>{total} {currency} for {count} pack(s), {tickets} tickets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="694"/>
        <source>There is no license yet: import the license key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="697"/>
        <source>The vendor&apos;s terms are still loading.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="700"/>
        <source>Enter the purchase order number: packs are bought by purchase order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="704"/>
        <source>Tick the box to confirm that support packs are non-refundable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="712"/>
        <source>the vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="724"/>
        <source>The request is not complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="775"/>
        <source>Save the request in folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="816"/>
        <source>No mail program opened the message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="818"/>
        <source>No mail program is set up on this computer. Send by SMTP, save the request as a file, or copy it to the clipboard instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="840"/>
        <source>Request no. {id} saved as {json} and {text}. Attach them to a request on the support portal, or send them to {to}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="850"/>
        <source>Request no. {id} opened in your mail program, addressed to {to}: check it and send it from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="854"/>
        <source>Request no. {id} sent to {to}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="859"/>
        <source>Request no. {id} copied to the clipboard: paste it into a message to {to}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/requests.py" line="887"/>
        <source>The contact details were not remembered</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings.py" line="94"/>
        <source>&amp;Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="96"/>
        <source>Save settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="99"/>
        <source>Und&amp;o changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="101"/>
        <source>Undo changes not saved yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="123"/>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="128"/>
        <source>Database file or URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="130"/>
        <source>empty: the built-in SQLite file in the data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="132"/>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="134"/>
        <source>Choose a SQLite database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="138"/>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="141"/>
        <source>A file path (SQLite) or a SQLAlchemy URL such as postgresql+psycopg://user:password@server/entitlements. A password in the URL goes to the system keyring, never to the settings file (a PGPASSFILE works too). The change takes effect at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="152"/>
        <source>E-mail by SMTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="154"/>
        <source>SMTP server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="155"/>
        <source>e.g. smtp.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="156"/>
        <source>SMTP ser&amp;ver:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="159"/>
        <source>SMTP security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="161"/>
        <source>STARTTLS (usually port 587)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="162"/>
        <source>SSL/TLS (usually port 465)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="163"/>
        <source>None (unencrypted, local relays only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="167"/>
        <source>Sec&amp;urity:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="170"/>
        <source>SMTP port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="173"/>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="174"/>
        <source>SMTP user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="175"/>
        <source>empty: the server needs no sign-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="176"/>
        <source>User &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="177"/>
        <source>SMTP password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="180"/>
        <source>type to save a new password in the system keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="185"/>
        <source>Forge&amp;t password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="187"/>
        <source>Forget the saved SMTP password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="191"/>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="197"/>
        <source>Sender e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="198"/>
        <source>empty: the user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="199"/>
        <source>S&amp;ender:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="203"/>
        <source>Reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="207"/>
        <source>Days before the S&amp;M expiry to remind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="210"/>
        <source> day(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="212"/>
        <source>Remind before e&amp;xpiry:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="218"/>
        <source>Warn when this many tickets or fewer are left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="222"/>
        <source> ticket(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="224"/>
        <source>Warn at &amp;low tickets:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="230"/>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="234"/>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="235"/>
        <source>Runs on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="236"/>
        <source>Trusted keys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="237"/>
        <source>Database in use:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="238"/>
        <source>Data folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="239"/>
        <source>Log file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="240"/>
        <source>Settings file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="254"/>
        <source>Open the data folde&amp;r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="256"/>
        <source>Open the data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="314"/>
        <source>SQLite database file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="316"/>
        <source>SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="355"/>
        <source>The database password was not saved: {reason}. Use a PGPASSFILE instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="359"/>
        <source>The settings were not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="360"/>
        <source>The settings file could not be written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="367"/>
        <source>Settings saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="369"/>
        <source>The database password is in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="371"/>
        <source>The database setting takes effect at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="392"/>
        <source>“{url}” is neither a file path nor a database URL (such as postgresql+psycopg://user@server/entitlements). Nothing was saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="405"/>
        <source>The SMTP password was not saved: {reason}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="409"/>
        <location filename="../../ui/pages/settings.py" line="422"/>
        <source>The SMTP password is saved in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="414"/>
        <location filename="../../ui/pages/settings.py" line="424"/>
        <source>No SMTP password is saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="419"/>
        <source>The SMTP password is kept for this session only (no keyring).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="442"/>
        <source>unknown (not installed as a package)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="444"/>
        <source>Entitlement Console {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="447"/>
        <source>Python {python}, Qt {qt}, PySide6 {pyside}, {system}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="460"/>
        <source>(not loaded yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="461"/>
        <source>(not open)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="464"/>
        <source>vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="465"/>
        <source>demo key, demo mode only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="466"/>
        <source>additional trust file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="473"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="475"/>
        <source> (demo mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="484"/>
        <source>The folder could not be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings.py" line="485"/>
        <source>Open {folder} in the file manager.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketDialog</name>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="69"/>
        <source>Edit ticket {case}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="71"/>
        <source>Add a ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="86"/>
        <source>e.g. CS-1042</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="87"/>
        <source>Case id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="92"/>
        <source>Opened on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="94"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="98"/>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="102"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="106"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="109"/>
        <source>&amp;Case id:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="110"/>
        <source>&amp;Opened on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="111"/>
        <source>&amp;Kind:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="112"/>
        <source>C&amp;lassification:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="113"/>
        <source>Ca&amp;tegory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="114"/>
        <source>T&amp;itle:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="120"/>
        <location filename="../../ui/ticket_dialog.py" line="207"/>
        <source>Checking eligibility…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="123"/>
        <source>Eligibility</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="133"/>
        <source>Save the ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="134"/>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="142"/>
        <source>The case id of a stored ticket does not change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="238"/>
        <source>Eligible on {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="240"/>
        <source>Not eligible on {day}: {reasons}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_dialog.py" line="275"/>
        <source>The ticket was not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketModel</name>
    <message>
        <location filename="../../ui/ticket_model.py" line="188"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="189"/>
        <source>Opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="190"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="191"/>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="192"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="193"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="194"/>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="195"/>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="196"/>
        <source>Drawn from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/ticket_model.py" line="441"/>
        <source>The annual period or the support pack the ticket drew from</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TicketsPage</name>
    <message>
        <location filename="../../ui/pages/tickets.py" line="93"/>
        <source>Ticket ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="134"/>
        <source>Result of the last import or export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="137"/>
        <source>&amp;Cancel the import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="139"/>
        <source>Cancel the CSV import; nothing is imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="180"/>
        <source>Case id or title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="182"/>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="182"/>
        <source>Search by case id or title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="188"/>
        <location filename="../../ui/pages/tickets.py" line="361"/>
        <source>All periods</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="189"/>
        <source>&amp;Period:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="189"/>
        <source>Filter by period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="193"/>
        <location filename="../../ui/pages/tickets.py" line="223"/>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="200"/>
        <source>C&amp;lassification:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="202"/>
        <source>Filter by classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="208"/>
        <source>Anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="209"/>
        <source>The annual period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="210"/>
        <source>A support pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="211"/>
        <source>Nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="216"/>
        <source>&amp;Drawn from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="218"/>
        <source>Filter by what tickets drew from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="226"/>
        <source>O&amp;utcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="226"/>
        <source>Filter by outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="251"/>
        <source>&amp;Add ticket…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="256"/>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="258"/>
        <source>Classify as product &amp;bug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="262"/>
        <source>Classify as &amp;customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="266"/>
        <source>&amp;Import CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="268"/>
        <source>E&amp;xport CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="273"/>
        <source>Add a ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="274"/>
        <source>Edit the selected ticket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="275"/>
        <source>Classify the selected tickets as product bugs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="279"/>
        <source>Classify the selected tickets as customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="281"/>
        <source>Import tickets from a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="282"/>
        <source>Export the ledger to a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="300"/>
        <source>Usage this period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="307"/>
        <source>Support packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="312"/>
        <source>Local ledger and vendor statements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="320"/>
        <source>Differences from the vendor&apos;s statements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="322"/>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="322"/>
        <source>Difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="322"/>
        <source>Local ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="322"/>
        <source>Vendor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="365"/>
        <source>This period ({start} to {end})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="375"/>
        <source>{start} to {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="402"/>
        <source>{total} ticket(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="404"/>
        <source>{shown} of {total} ticket(s) shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="443"/>
        <source>Only in the local ledger</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="444"/>
        <source>opened {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="445"/>
        <source>not listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="449"/>
        <source>Classification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="455"/>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="460"/>
        <source>Opened on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="476"/>
        <source>{count} difference(s) between the local ledger and the vendor&apos;s latest statements. Local-only tickets may not have reached the vendor&apos;s records yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="480"/>
        <source>The local ledger agrees with the vendor&apos;s statements.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="562"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="573"/>
        <source>Import tickets from CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="578"/>
        <source>Export tickets to CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="590"/>
        <source>Importing {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="609"/>
        <source>The import was cancelled: nothing was imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="613"/>
        <source>Imported {count} ticket(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="616"/>
        <source>Row {row}: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="619"/>
        <source>Nothing was imported: {count} row(s) have problems.
{rows}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="622"/>
        <source>The CSV file was not imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/tickets.py" line="645"/>
        <source>Exported {count} ticket(s) to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UpgradesPage</name>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="101"/>
        <source>Releases you may install</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="111"/>
        <source>Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="112"/>
        <source>Released on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="113"/>
        <location filename="../../ui/pages/upgrades.py" line="255"/>
        <source>Permitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="114"/>
        <source>To unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="115"/>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="120"/>
        <source>Versions in the release catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="133"/>
        <source>&amp;Import release catalog…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="135"/>
        <source>Import a release catalog file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="138"/>
        <source>Request &amp;renewal…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="140"/>
        <source>Request a renewal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="157"/>
        <source>Check a version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="162"/>
        <source>Version to check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="163"/>
        <source>e.g. 12.0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="165"/>
        <source>&amp;Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="168"/>
        <source>Release date of the version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="171"/>
        <source>&amp;Release date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="174"/>
        <source>C&amp;heck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="176"/>
        <source>Check whether this version is permitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/pages/upgrades.py" line="195"/>
        <source>Renew for %n year(s) (to {end}) to unlock {versions}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="217"/>
        <source>No valid license: import the license key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="224"/>
        <source>No release catalog for {product} is stored yet: import the vendor&apos;s release catalog, or check a version below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="233"/>
        <source>Latest version you may install: {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="238"/>
        <source>No version of the catalog is permitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="255"/>
        <source>Not permitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="283"/>
        <source>Import a release catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="287"/>
        <source>Signed documents (*.paseto *.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="287"/>
        <source>All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="299"/>
        <location filename="../../ui/pages/upgrades.py" line="368"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="308"/>
        <source>{file}: {reason}
Technical detail: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="313"/>
        <location filename="../../ui/pages/upgrades.py" line="321"/>
        <source>{file}: not imported. {reason}
Technical detail: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="334"/>
        <source>{file}: this release catalog was already imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="336"/>
        <source>{file}: release catalog for {product} imported, {count} release(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="340"/>
        <source>It is for product {product}; the license covers {licensed}, so its releases are not listed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="359"/>
        <source>&apos;{version}&apos; is not a version number (e.g. 12.0 or 11.1.2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="377"/>
        <source>A version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="379"/>
        <source>{version}, released {date}: permitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="381"/>
        <source>{version}, released {date}: not permitted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/pages/upgrades.py" line="391"/>
        <source>this version</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageChart</name>
    <message>
        <location filename="../../ui/usage_chart.py" line="45"/>
        <source>Monthly ticket usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="74"/>
        <source>{month}: {annual} from the period, {packs} from packs, {bugs} product bug(s) free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="84"/>
        <source>No support pack is usable today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="85"/>
        <source>Support packs usable today: {packs}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="87"/>
        <source>{pack}, {tickets} tickets, {left} left, until {end}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="101"/>
        <source>No ticket period contains today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="106"/>
        <source>Period {start} to {end}: allocation {allocation} ticket(s); {annual} drawn from the period, {packs} from packs, {bugs} product bug(s) not deducted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="146"/>
        <source>No current period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="244"/>
        <source>From the period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="245"/>
        <source>From packs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="246"/>
        <source>Product bugs (free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="249"/>
        <source>Allocation ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/usage_chart.py" line="252"/>
        <source>Period used so far</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

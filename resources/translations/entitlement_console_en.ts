<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
    <context>
        <name>AssignDialog</name>
        <message numerus="yes">
            <source>Assign %n local ticket(s) to one license: {cases}</source>
            <translation>
                <numerusform>Assign %n local ticket to one license: {cases}</numerusform>
                <numerusform>Assign %n local tickets to one license: {cases}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CsvTransfer</name>
        <message numerus="yes">
            <source>Exported %n ticket(s), as shown, to {path}.</source>
            <translation>
                <numerusform>Exported %n ticket, as shown, to {path}.</numerusform>
                <numerusform>Exported %n tickets, as shown, to {path}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Imported %n ticket(s) from {name}.</source>
            <translation>
                <numerusform>Imported %n ticket from {name}.</numerusform>
                <numerusform>Imported %n tickets from {name}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Nothing was imported: %n row(s) have problems.</source>
            <translation>
                <numerusform>Nothing was imported: %n row has problems.</numerusform>
                <numerusform>Nothing was imported: %n rows have problems.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>DocumentsSection</name>
        <message numerus="yes">
            <source>%n stored document(s) do not count now: they are left out of every answer until they verify again.</source>
            <translation>
                <numerusform>%n stored document does not count now: it is left out of every answer until it verifies again.</numerusform>
                <numerusform>%n stored documents do not count now: they are left out of every answer until they verify again.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>FilterBar</name>
        <message numerus="yes">
            <source>%n ticket(s)</source>
            <translation>
                <numerusform>%n ticket</numerusform>
                <numerusform>%n tickets</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{shown} of %n ticket(s)</source>
            <translation>
                <numerusform>{shown} of %n ticket</numerusform>
                <numerusform>{shown} of %n tickets</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>LicenseDetail</name>
        <message numerus="yes">
            <source>%n user(s)</source>
            <translation>
                <numerusform>%n user</numerusform>
                <numerusform>%n users</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n device(s)</source>
            <translation>
                <numerusform>%n device</numerusform>
                <numerusform>%n devices</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n product bug(s) this period: never deducted.</source>
            <translation>
                <numerusform>%n product bug this period: never deducted.</numerusform>
                <numerusform>%n product bugs this period: never deducted.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ticket(s) were opened on a day Support &amp; Maintenance did not cover.</source>
            <translation>
                <numerusform>%n ticket was opened on a day Support &amp; Maintenance did not cover.</numerusform>
                <numerusform>%n tickets were opened on a day Support &amp; Maintenance did not cover.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PacksSection</name>
        <message numerus="yes">
            <source>%n month(s)</source>
            <translation>
                <numerusform>%n month</numerusform>
                <numerusform>%n months</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n pack(s)</source>
            <translation>
                <numerusform>%n pack</numerusform>
                <numerusform>%n packs</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>PortfolioView</name>
        <message numerus="yes">
            <source>%n license(s), most urgent first.</source>
            <translation>
                <numerusform>%n license, most urgent first.</numerusform>
                <numerusform>%n licenses, most urgent first.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RenewalSection</name>
        <message numerus="yes">
            <source>%n user(s)</source>
            <translation>
                <numerusform>%n user</numerusform>
                <numerusform>%n users</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n device(s)</source>
            <translation>
                <numerusform>%n device</numerusform>
                <numerusform>%n devices</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>RequestsModel</name>
        <message numerus="yes">
            <source>%n support pack(s), PO {po}</source>
            <translation>
                <numerusform>%n support pack, PO {po}</numerusform>
                <numerusform>%n support packs, PO {po}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TicketActions</name>
        <message numerus="yes">
            <source>Assigned %n ticket(s) to {license}.</source>
            <translation>
                <numerusform>Assigned %n ticket to {license}.</numerusform>
                <numerusform>Assigned %n tickets to {license}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Reclassified %n local ticket(s).</source>
            <translation>
                <numerusform>Reclassified %n local ticket.</numerusform>
                <numerusform>Reclassified %n local tickets.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Recorded a dispute for %n vendor ticket(s): the vendor's classification still counts until a new statement agrees.</source>
            <translation>
                <numerusform>Recorded a dispute for %n vendor ticket: the vendor's classification still counts until a new statement agrees.</numerusform>
                <numerusform>Recorded a dispute for %n vendor tickets: the vendor's classification still counts until a new statement agrees.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Withdrew %n dispute(s).</source>
            <translation>
                <numerusform>Withdrew %n dispute.</numerusform>
                <numerusform>Withdrew %n disputes.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TrustedKeysSection</name>
        <message numerus="yes">
            <source>Add %n key(s) of {file} to the keys this console trusts?</source>
            <translation>
                <numerusform>Add %n key of {file} to the keys this console trusts?</numerusform>
                <numerusform>Add %n keys of {file} to the keys this console trusts?</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Added %n key(s): {kids}.</source>
            <translation>
                <numerusform>Added %n key: {kids}.</numerusform>
                <numerusform>Added %n keys: {kids}.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportOutcome</name>
        <message numerus="yes">
            <source>Revocation list naming %n license(s).</source>
            <translation>
                <numerusform>Revocation list naming %n license.</numerusform>
                <numerusform>Revocation list naming %n licenses.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Release catalog of {product} with %n release(s).</source>
            <translation>
                <numerusform>Release catalog of {product} with %n release.</numerusform>
                <numerusform>Release catalog of {product} with %n releases.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>Wording</name>
        <message numerus="yes">
            <source>%n day(s)</source>
            <translation>
                <numerusform>%n day</numerusform>
                <numerusform>%n days</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ticket(s)</source>
            <translation>
                <numerusform>%n ticket</numerusform>
                <numerusform>%n tickets</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n year(s)</source>
            <translation>
                <numerusform>%n year</numerusform>
                <numerusform>%n years</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n license(s)</source>
            <translation>
                <numerusform>%n license</numerusform>
                <numerusform>%n licenses</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n license(s) need attention</source>
            <translation>
                <numerusform>%n license needs attention</numerusform>
                <numerusform>%n licenses need attention</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>ended %n day(s) ago</source>
            <translation>
                <numerusform>ended %n day ago</numerusform>
                <numerusform>ended %n days ago</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n day(s) left</source>
            <translation>
                <numerusform>%n day left</numerusform>
                <numerusform>%n days left</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ticket(s) this period found no ticket left to draw from.</source>
            <translation>
                <numerusform>%n ticket this period found no ticket left to draw from.</numerusform>
                <numerusform>%n tickets this period found no ticket left to draw from.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n vendor ticket(s) disputed; the vendor's record counts until a statement agrees.</source>
            <translation>
                <numerusform>%n vendor ticket disputed; the vendor's record counts until a statement agrees.</numerusform>
                <numerusform>%n vendor tickets disputed; the vendor's record counts until a statement agrees.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n local ticket(s) belong to no license: assign them on the Tickets page.</source>
            <translation>
                <numerusform>%n local ticket belongs to no license: assign it on the Tickets page.</numerusform>
                <numerusform>%n local tickets belong to no license: assign them on the Tickets page.</numerusform>
            </translation>
        </message>
    </context>
</TS>

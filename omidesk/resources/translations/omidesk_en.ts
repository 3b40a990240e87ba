<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AttachmentList</name>
    <message numerus="yes">
        <location filename="../../ui/widgets/attachment_list.py" line="167"/>
        <source>%n file(s), {size}</source>
        <translation>
            <numerusform>%n file, {size}</numerusform>
            <numerusform>%n files, {size}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/widgets/attachment_list.py" line="170"/>
        <source>%n inline image(s) in the text, {size}</source>
        <translation>
            <numerusform>%n inline image in the text, {size}</numerusform>
            <numerusform>%n inline images in the text, {size}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>JournalLink</name>
    <message numerus="yes">
        <location filename="../../ui/mailing/journal_link.py" line="91"/>
        <source>This message already went to %n recipient(s) of an earlier version of the list. Start goes on with this list: it is not sent to them again; new and corrected rows are sent once.</source>
        <translation>
            <numerusform>This message already went to %n recipient of an earlier version of the list. Start goes on with this list: it is not sent to them again; new and corrected rows are sent once.</numerusform>
            <numerusform>This message already went to %n recipients of an earlier version of the list. Start goes on with this list: it is not sent to them again; new and corrected rows are sent once.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SandboxTab</name>
    <message numerus="yes">
        <location filename="../../ui/tabs/sandbox_tab.py" line="174"/>
        <source>Messages received: %n</source>
        <translation>
            <numerusform>Messages received: %n</numerusform>
            <numerusform>Messages received: %n</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SentLogTab</name>
    <message numerus="yes">
        <location filename="../../ui/tabs/sent_log_tab.py" line="246"/>
        <source>(%n damaged record(s) cannot be shown)</source>
        <translation>
            <numerusform>(%n damaged record cannot be shown)</numerusform>
            <numerusform>(%n damaged records cannot be shown)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WindowState</name>
    <message numerus="yes">
        <location filename="../../ui/window/state.py" line="88"/>
        <source>%n unreadable profile(s) left out</source>
        <translation>
            <numerusform>%n unreadable profile left out</numerusform>
            <numerusform>%n unreadable profiles left out</numerusform>
        </translation>
    </message>
</context>
</TS>
